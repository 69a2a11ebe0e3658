// The playground's wiring: key -> models -> submit -> poll every 2 s -> viewer and downloads.

import { cancelTask, getTask, listModels, submitTask } from "./api.js";
import { buildRequest, clearModels, fillModels, showModel as showModelFields } from "./form.js";
import { resetResult, showDownloads, showError, showNote, showStatus } from "./status.js";
import { clearViewer, showModel } from "./viewer.js";

const POLL_INTERVAL_MS = 2000;
const KEY_STORAGE = "meshforge.apiKey";
const TERMINAL = new Set(["SUCCESS", "FAILURE"]);
const $ = (id) => document.getElementById(id);

let run = null; // the generation being watched: { id, startedAt, endedAt, task, ... }

const apiKey = () => $("api-key").value.trim();

let modelsKey = null; // the key the model list was loaded with
let modelsError = false; // whether the error shown is the model list's

async function loadModels() {
  const key = apiKey();
  if (key === modelsKey) return; // "change" fires again on blur after a scripted change
  modelsKey = key;
  localStorage.setItem(KEY_STORAGE, key);
  if (!key) {
    clearModels("enter your key to list the models");
    return updateGenerate();
  }
  try {
    const models = await listModels(key);
    if (key !== apiKey()) return; // the key changed while this was loading
    fillModels(models);
    if (modelsError) showError(""); // leave a generation's error alone
    modelsError = false;
  } catch (error) {
    if (key !== apiKey()) return;
    modelsKey = null; // let the same key be tried again
    clearModels("no models: see the message below");
    showError(error.message);
    modelsError = true;
  }
  updateGenerate();
}

function updateGenerate() {
  $("generate").disabled = $("model").disabled || run !== null;
  $("cancel").hidden = run === null;
}

async function generate(event) {
  event.preventDefault();
  resetResult();
  clearViewer($("viewer"));
  let body;
  try {
    body = await buildRequest();
  } catch (error) {
    return showError(error.message);
  }
  showNote("Submitting…");
  try {
    const { task_id: id } = await submitTask(apiKey(), body);
    run = { id, startedAt: performance.now(), endedAt: null, task: null, delayMs: 0, retrying: false };
  } catch (error) {
    showNote("Not submitted", "FAILURE");
    return showError(error.message);
  }
  updateGenerate();
  watch(run);
}

// Poll until the task ends; 429/503 wait as long as Retry-After says, network errors retry.
async function watch(current) {
  const ticker = setInterval(() => refreshLine(current), 1000);
  try {
    for (let first = true; !TERMINAL.has(current.task?.status); first = false) {
      if (!first) await sleep(current.delayMs);
      if (!(await poll(current))) return;
    }
    current.endedAt = performance.now();
    refreshLine(current);
    await finish(current.task);
  } finally {
    clearInterval(ticker);
    if (run === current) run = null;
    updateGenerate();
  }
}

// One query; false when polling cannot go on (the key or the task is gone).
async function poll(current) {
  current.delayMs = POLL_INTERVAL_MS;
  try {
    current.task = await getTask(apiKey(), current.id);
    current.retrying = false;
    refreshLine(current);
  } catch (error) {
    if (error.status >= 400 && error.status < 500 && error.status !== 429) {
      showNote("Stopped watching", "FAILURE");
      showError(error.message);
      return false;
    }
    current.retrying = true; // keeps the note up until a query succeeds again
    showNote(`Waiting for the server: ${error.message}`, "RETRYING");
    current.delayMs = Math.max(POLL_INTERVAL_MS, (error.retryAfterS || 0) * 1000);
  }
  return true;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function refreshLine(current) {
  if (current.task && !current.retrying && run === current) {
    const now = current.endedAt ?? performance.now();
    showStatus(current.task, (now - current.startedAt) / 1000);
  }
}

async function finish(task) {
  if (task.status === "FAILURE") {
    showError(task.fail_reason || "the task failed");
    clearViewer($("viewer"), "No model: the task failed.");
    return;
  }
  showDownloads(task);
  const glb = task.assets?.find((asset) => asset.format === "glb");
  if (!glb) {
    clearViewer($("viewer"), "No GLB among the outputs: add GLB to the formats to see the model.");
    return;
  }
  try {
    await showModel($("viewer"), glb.url);
  } catch (error) {
    clearViewer($("viewer"), `The GLB could not be displayed: ${error.message}`);
  }
}

async function cancel() {
  if (!run) return;
  try {
    await cancelTask(apiKey(), run.id);
  } catch (error) {
    showError(error.message);
  }
}

function previewImage() {
  const file = $("image").files[0];
  const preview = $("image-preview");
  if (preview.src) URL.revokeObjectURL(preview.src);
  preview.hidden = !file;
  if (file) preview.src = URL.createObjectURL(file);
}

$("api-key").value = localStorage.getItem(KEY_STORAGE) || "";
$("api-key").addEventListener("change", loadModels);
$("model").addEventListener("change", showModelFields);
$("image").addEventListener("change", previewImage);
$("request-form").addEventListener("submit", generate);
$("cancel").addEventListener("click", cancel);
loadModels();
