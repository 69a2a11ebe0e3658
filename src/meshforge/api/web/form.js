// The request form: the model picker, the prompt or image field, and the options,
// turned into a POST /v1/3d/generations body.

const $ = (id) => document.getElementById(id);

let models = [];

export function fillModels(list) {
  models = list;
  const select = $("model");
  const previous = select.value;
  select.replaceChildren(
    ...list.map((model) => new Option(`${model.id} (${model.kind})`, model.id)),
  );
  if (list.some((model) => model.id === previous)) select.value = previous;
  select.disabled = list.length === 0;
  showModel();
}

export function clearModels(message) {
  models = [];
  $("model").replaceChildren(new Option(message, ""));
  $("model").disabled = true;
  showModel();
}

export function selectedModel() {
  return models.find((model) => model.id === $("model").value) || null;
}

// Show the prompt or the image field for the model's kind, and its face_limit default.
export function showModel() {
  const model = selectedModel();
  const isImage = model?.kind === "image-to-3d";
  $("prompt-field").hidden = isImage;
  $("image-field").hidden = !isImage;
  $("model-description").textContent = model?.description || "";
  const faceLimit = model?.parameters?.properties?.face_limit?.default;
  $("face-limit").placeholder = faceLimit ? `default ${faceLimit}` : "";
}

export function readImageAsDataUrl(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(new Error(`could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

// The body for the selected model; throws an Error with a user-facing message when a
// required input is missing (the server checks everything else).
export async function buildRequest() {
  const model = selectedModel();
  if (!model) throw new Error("pick a model first");
  const body = { model: model.id, ...options() };
  if (model.kind === "image-to-3d") {
    const file = $("image").files[0];
    if (!file) throw new Error("choose an image file");
    body.image = await readImageAsDataUrl(file);
  } else {
    const prompt = $("prompt").value.trim();
    if (!prompt) throw new Error("type a prompt");
    body.prompt = prompt;
  }
  return body;
}

function options() {
  const body = {
    seed: integerOr($("seed").value, -1),
    texture_enable: $("texture").checked,
    texture_quality: $("hd").checked ? "HD" : "standard",
    output_formats: [...document.querySelectorAll("#formats input:checked")].map((i) => i.value),
  };
  const faceLimit = integerOr($("face-limit").value, null);
  if (faceLimit !== null) body.face_limit = faceLimit;
  if (body.output_formats.length === 0) body.output_formats = ["glb"];
  return body;
}

function integerOr(text, fallback) {
  const value = Number(text);
  return text.trim() === "" || !Number.isFinite(value) ? fallback : Math.trunc(value);
}
