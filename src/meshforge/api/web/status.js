// The live status line, the progress bar, the error message and the download list.

const $ = (id) => document.getElementById(id);

export function formatElapsed(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(s / 60);
  return `${minutes}:${String(s % 60).padStart(2, "0")}`;
}

export function showStatus(task, elapsedS) {
  const percent = Number.parseInt(task.progress, 10) || 0;
  const parts = [task.status, `${percent}%`];
  if (task.status === "QUEUED" && task.queue_position != null) {
    parts.push(`queue position ${task.queue_position}`);
  }
  parts.push(formatElapsed(elapsedS));
  setLine(parts.join(" · "), task.status);
  $("progress").hidden = false;
  $("progress").value = percent;
  $("status").dataset.taskId = task.task_id;
}

export function showNote(text, state = "") {
  setLine(text, state);
}

function setLine(text, state) {
  $("status-line").textContent = text;
  $("status").dataset.status = state;
}

export function showError(message) {
  $("error").textContent = message;
  $("error").hidden = !message;
}

export function resetResult() {
  showError("");
  $("progress").hidden = true;
  $("progress").value = 0;
  $("downloads").hidden = true;
  $("download-list").replaceChildren();
  $("thumbnail").hidden = true;
  $("thumbnail").removeAttribute("src");
}

// One link per output (format, size, triangles) and one for the thumbnail.
export function showDownloads(task) {
  const assets = task.assets?.length
    ? task.assets
    : task.outputs.map((url) => ({ url, format: "file" }));
  const items = assets.map((asset) => linkItem(asset.url, assetLabel(asset)));
  if (task.thumbnail) {
    items.push(linkItem(task.thumbnail, "thumbnail (PNG)"));
    $("thumbnail").src = task.thumbnail;
    $("thumbnail").hidden = false;
  }
  $("download-list").replaceChildren(...items);
  $("downloads").hidden = false;
}

function assetLabel(asset) {
  const facts = [];
  if (asset.bytes != null) facts.push(formatBytes(asset.bytes));
  if (asset.triangles != null) facts.push(`${asset.triangles.toLocaleString()} triangles`);
  const format = asset.format.toUpperCase();
  return facts.length ? `${format} (${facts.join(", ")})` : format;
}

function linkItem(url, label) {
  const link = document.createElement("a");
  link.href = url;
  link.textContent = label;
  link.download = "";
  const item = document.createElement("li");
  item.append(link);
  return item;
}

function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
