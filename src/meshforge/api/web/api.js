// The few /v1 calls the page makes, each returning the envelope's `data` or throwing an
// ApiError whose message is the contract's error.message (what the user should read).

export class ApiError extends Error {
  constructor(message, status, code, retryAfterS) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterS = retryAfterS;
  }
}

// Relative URLs, so the page also works behind a proxy that mounts the server under a prefix.
async function call(key, method, path, body) {
  const headers = { Authorization: `Bearer ${key}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(`the server could not be reached (${error.message})`, 0, "network", 2);
  }
  const envelope = await response.json().catch(() => null);
  if (!response.ok) throw errorFrom(response, envelope);
  return envelope.data;
}

function errorFrom(response, envelope) {
  const message =
    envelope?.error?.message || envelope?.message || `HTTP ${response.status} ${response.statusText}`;
  const code = envelope?.error?.code || envelope?.code || "http_error";
  const retryAfter = Number(response.headers.get("Retry-After")) || null;
  return new ApiError(message, response.status, code, retryAfter);
}

export const listModels = (key) => call(key, "GET", "v1/models");
export const submitTask = (key, body) => call(key, "POST", "v1/3d/generations", body);
export const getTask = (key, id) => call(key, "GET", `v1/3d/generations/${encodeURIComponent(id)}`);
export const cancelTask = (key, id) =>
  call(key, "POST", `v1/3d/generations/${encodeURIComponent(id)}/cancel`);
