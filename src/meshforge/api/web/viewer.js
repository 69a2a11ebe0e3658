// The 3D viewer: a GLB on a grid, lit by a neutral room environment (the GLBs carry
// metallic-roughness materials, which look black without one), orbit and zoom with the mouse.

import * as THREE from "three";
import { OrbitControls } from "three/addons/controls/OrbitControls.js";
import { RoomEnvironment } from "three/addons/environments/RoomEnvironment.js";
import { GLTFLoader } from "three/addons/loaders/GLTFLoader.js";

export const BACKGROUND = 0xdde1e7;

let current = null; // { renderer, controls, frame, observer }

export function clearViewer(container, message = "The model appears here.") {
  dispose();
  const note = document.createElement("p");
  note.className = "placeholder";
  note.textContent = message;
  container.replaceChildren(note);
  delete container.dataset.ready;
}

// Load the GLB at `url` into `container`; resolves with the model's triangle count.
export async function showModel(container, url) {
  const gltf = await new GLTFLoader().loadAsync(url);
  dispose();
  const renderer = makeRenderer(container);
  const scene = makeScene(gltf.scene);
  const camera = new THREE.PerspectiveCamera(40, 1, 0.01, 1000);
  const controls = new OrbitControls(camera, renderer.domElement);
  controls.enableDamping = true;
  frameObject(gltf.scene, camera, controls);
  const state = { renderer, controls, observer: null, frame: 0, alive: true };
  current = state;
  // Render on demand (a camera move, damping still settling, a resize), not every frame:
  // an idle viewer then costs nothing, which matters on software-rendered GL.
  let pending = false;
  const render = () => {
    pending = false;
    controls.update(); // emits "change" again while damping moves the camera
    renderer.render(scene, camera);
  };
  const requestRender = () => {
    if (pending || !state.alive) return;
    pending = true;
    state.frame = requestAnimationFrame(render);
  };
  controls.addEventListener("change", requestRender);
  state.observer = new ResizeObserver(() => {
    fit(renderer, camera, container);
    requestRender();
  });
  state.observer.observe(container);
  fit(renderer, camera, container);
  render();
  setTimeout(() => addEnvironment(state, scene, requestRender), 0);
  container.dataset.ready = "true";
  return countTriangles(gltf.scene);
}

function makeRenderer(container) {
  // preserveDrawingBuffer keeps the last frame readable (screenshots, canvas.toDataURL).
  const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
  renderer.toneMapping = THREE.NeutralToneMapping;
  container.replaceChildren(renderer.domElement);
  return renderer;
}

function makeScene(model) {
  const scene = new THREE.Scene();
  scene.background = new THREE.Color(BACKGROUND);
  scene.environmentIntensity = 0.45; // soft fill; the sun gives the faces their contrast
  const sun = new THREE.DirectionalLight(0xffffff, 1.8);
  sun.position.set(3, 5, 4);
  scene.add(sun, model, makeGrid(model));
  return scene;
}

// A neutral room for reflections, added after the first frame: filtering it is the
// slowest step by far on software GL. 64 px faces are plenty for a soft studio look.
function addEnvironment(state, scene, requestRender) {
  if (!state.alive) return;
  const pmrem = new THREE.PMREMGenerator(state.renderer);
  scene.environment = pmrem.fromScene(new RoomEnvironment(), 0.04, 0.1, 100, { size: 64 }).texture;
  pmrem.dispose();
  requestRender();
}

// A metric grid under the model (outputs are in metres, resting on y = 0): cells of a
// power of ten that suits the model's size, so a mug gets 10 cm cells and a house 10 m.
function makeGrid(model) {
  const box = new THREE.Box3().setFromObject(model);
  const size = box.getSize(new THREE.Vector3());
  const extent = Math.max(size.x, size.y, size.z, 1e-3);
  const cell = 10 ** Math.floor(Math.log10(extent * 2));
  const cells = 2 * Math.ceil((extent * 1.5) / cell);
  const grid = new THREE.GridHelper(cells * cell, cells, 0xa9b0bb, 0xc5cad2);
  const center = box.getCenter(new THREE.Vector3());
  grid.position.set(center.x, box.min.y, center.z);
  return grid;
}

function frameObject(object, camera, controls) {
  const box = new THREE.Box3().setFromObject(object);
  const sphere = box.getBoundingSphere(new THREE.Sphere());
  const radius = Math.max(sphere.radius, 1e-3);
  const distance = radius / Math.sin(THREE.MathUtils.degToRad(camera.fov / 2));
  const direction = new THREE.Vector3(1, 0.7, 1.3).normalize();
  camera.position.copy(sphere.center).addScaledVector(direction, distance * 1.25);
  camera.near = distance / 100;
  camera.far = distance * 100;
  camera.updateProjectionMatrix();
  controls.target.copy(sphere.center);
  controls.minDistance = radius * 0.2;
  controls.maxDistance = distance * 10;
  controls.update();
}

function fit(renderer, camera, container) {
  const width = Math.max(1, container.clientWidth);
  const height = Math.max(1, container.clientHeight);
  renderer.setSize(width, height);
  camera.aspect = width / height;
  camera.updateProjectionMatrix();
}

function countTriangles(object) {
  let triangles = 0;
  object.traverse((node) => {
    const geometry = node.isMesh ? node.geometry : null;
    if (!geometry) return;
    const count = geometry.index ? geometry.index.count : geometry.attributes.position.count;
    triangles += Math.floor(count / 3);
  });
  return triangles;
}

function dispose() {
  if (!current) return;
  current.alive = false;
  cancelAnimationFrame(current.frame);
  current.observer.disconnect();
  current.controls.dispose();
  current.renderer.dispose();
  current.renderer.forceContextLoss();
  current = null;
}
