"""GLSL for render.py: Lambert key + fill lights and ambient, in camera space.

Lighting is two-sided (normals facing away from the camera are flipped), so badly wound
meshes still render lit. The texture is sampled at (u, 1 - v) because images are uploaded
top row first.
"""

VERTEX = """
#version 330
uniform mat4 u_mvp;
uniform mat4 u_view;
in vec3 in_pos;
in vec3 in_normal;
in vec2 in_uv;
in vec4 in_color;
out vec3 v_normal;
out vec3 v_view_pos;
out vec2 v_uv;
out vec4 v_color;
void main() {
    gl_Position = u_mvp * vec4(in_pos, 1.0);
    v_view_pos = (u_view * vec4(in_pos, 1.0)).xyz;
    v_normal = mat3(u_view) * in_normal;
    v_uv = in_uv;
    v_color = in_color;
}
"""

FRAGMENT = """
#version 330
uniform sampler2D u_texture;
uniform int u_textured;
uniform int u_lit;
in vec3 v_normal;
in vec3 v_view_pos;
in vec2 v_uv;
in vec4 v_color;
out vec4 f_color;
void main() {
    vec4 albedo = v_color;
    if (u_textured == 1) {
        albedo *= texture(u_texture, vec2(v_uv.x, 1.0 - v_uv.y));
    }
    vec3 n = normalize(v_normal);
    if (dot(n, -v_view_pos) < 0.0) {
        n = -n;
    }
    vec3 key = normalize(vec3(-0.4, 0.7, 0.6));
    vec3 fill = normalize(vec3(0.6, 0.1, 0.8));
    float light = 0.35 + 0.55 * max(dot(n, key), 0.0) + 0.25 * max(dot(n, fill), 0.0);
    vec3 rgb = u_lit == 1 ? albedo.rgb * min(light, 1.15) : albedo.rgb;
    f_color = vec4(clamp(rgb, 0.0, 1.0), 1.0);
}
"""
