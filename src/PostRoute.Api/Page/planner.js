// The planner's page: lists networks and plans, submits the day's mail run, and shows a plan's map and route table.
// Vanilla JavaScript against the same host's API; every value from the API is put into the DOM as text.
"use strict";

const apiKeyStorage = "postroute.apiKey";
const pollMilliseconds = 1000;
let pollGeneration = 0; // a newer choice of plan stops the polling of the older one

const $ = (selector) => document.querySelector(selector);

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function row(cells, attributes = {}) {
  const tr = element("tr", null, attributes);
  for (const cell of cells) {
    const td = cell instanceof Node ? cell : element("td", cell);
    tr.append(td.tagName === "TD" ? td : wrap(td));
  }
  return tr;
}

function wrap(node) {
  const td = element("td");
  td.append(node);
  return td;
}

function number(value, digits) {
  return value === null || value === undefined ? "–" : Number(value).toFixed(digits);
}

function numberCell(value, digits) {
  return element("td", number(value, digits), { class: "num" });
}

// Seconds from midnight as HH:MM (days beyond the first are shown as +1d).
function clock(seconds) {
  if (seconds === null || seconds === undefined || !isFinite(seconds)) return "–";
  const minutes = Math.round(seconds / 60);
  const day = Math.floor(minutes / 1440);
  const hh = String(Math.floor((minutes % 1440) / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${hh}:${mm}${day > 0 ? ` +${day}d` : ""}`;
}

function statusBadge(status) {
  return element("span", status, { class: `status status-${status}` });
}

function showMessage(text, kind = "error") {
  const box = $("#message");
  box.textContent = text;
  box.className = kind === "info" ? "info" : "";
  box.hidden = !text;
}

class ApiError extends Error {
  constructor(status, problem) {
    const errors = problem && problem.errors
      ? Object.entries(problem.errors).map(([field, messages]) => `${field}: ${messages.join("; ")}`).join("\n")
      : "";
    const title = (problem && (problem.title || problem.detail)) || `HTTP ${status}`;
    super([title, problem && problem.title && problem.detail ? problem.detail : "", errors].filter(Boolean).join("\n"));
    this.status = status;
  }
}

async function api(path, options = {}) {
  const headers = { Accept: options.accept || "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const key = sessionStorage.getItem(apiKeyStorage);
  if (key) headers["X-Api-Key"] = key;
  const response = await fetch(path, {
    method: options.method || "GET",
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not a problem document */ }
    throw new ApiError(response.status, problem);
  }
  return options.text ? response.text() : response.json();
}

// Parses an SVG document and puts it into the container as live DOM (so its elements can be styled and queried).
// Scripts and event attributes are dropped: the map is a picture, nothing in it should run.
function inlineSvg(container, text) {
  const parsed = new DOMParser().parseFromString(text, "image/svg+xml");
  const svg = parsed.documentElement;
  if (parsed.querySelector("parsererror") || svg.localName !== "svg") throw new Error("The map is not a valid SVG document.");
  for (const unsafe of svg.querySelectorAll("script, foreignObject")) unsafe.remove();
  for (const node of [svg, ...svg.querySelectorAll("*")]) {
    for (const attribute of [...node.attributes]) {
      if (attribute.name.toLowerCase().startsWith("on")) node.removeAttribute(attribute.name);
    }
  }
  container.replaceChildren(document.importNode(svg, true));
}

// --- networks ---------------------------------------------------------------------------------------------------

async function loadNetworks() {
  const networks = await api("/networks");
  const select = $("#network-select");
  select.replaceChildren(...networks.map((n) => element("option", `${n.name} (${n.id})`, { value: n.id })));
  const phuYen = networks.find((n) => n.id === "phu-yen");
  if (phuYen) select.value = phuYen.id;

  $("#network-rows").replaceChildren(...networks.map((n) => {
    const show = element("button", "Map", { type: "button", class: "small" });
    show.addEventListener("click", () => showNetwork(n.id));
    return row([n.id, n.name, n.version, n.nodeCount, wrap(show)], { "data-network": n.id });
  }));
}

async function showNetwork(id) {
  pollGeneration++;
  setPlanState("loading");
  $("#plan-title").textContent = `Network ${id}`;
  $("#plan-status").textContent = "The network alone: hub, district offices and service points.";
  clearRoutes();
  try {
    inlineSvg($("#map"), await api(`/networks/${encodeURIComponent(id)}/map.svg`, { accept: "image/svg+xml", text: true }));
    setPlanState("network");
  } catch (error) {
    showMessage(error.message);
    setPlanState("failed");
  }
}

// --- plans ------------------------------------------------------------------------------------------------------

async function loadPlans() {
  const plans = await api("/plans?limit=25");
  const chosen = new URLSearchParams(location.search).get("plan");
  $("#plan-rows").replaceChildren(...plans.map((p) => {
    const tr = row([
      new Date(p.createdAt).toLocaleString(),
      p.name || p.kind,
      wrap(statusBadge(p.status)),
      p.solver,
      numberCell(p.bestCost, 0),
    ], { "data-plan": p.id, title: p.error || p.id });
    if (p.id === chosen) tr.classList.add("chosen");
    tr.addEventListener("click", () => choosePlan(p.id, true));
    return tr;
  }));
}

function setPlanState(state) {
  $("#plan").dataset.planState = state;
}

function clearRoutes() {
  $("#routes tbody").replaceChildren();
  $("#routes tfoot").replaceChildren();
  $("#unassigned").replaceChildren();
  $("#map").replaceChildren();
}

async function choosePlan(id, remember) {
  if (remember) history.pushState({ plan: id }, "", `?plan=${encodeURIComponent(id)}`);
  for (const tr of document.querySelectorAll("#plan-rows tr")) tr.classList.toggle("chosen", tr.dataset.plan === id);
  const generation = ++pollGeneration;
  showMessage("");
  clearRoutes();
  setPlanState("loading");
  $("#plan-title").textContent = `Plan ${id}`;

  let plan;
  try {
    for (;;) {
      plan = await api(`/plans/${encodeURIComponent(id)}`);
      if (generation !== pollGeneration) return;
      $("#plan-title").textContent = plan.name || `Plan ${id}`;
      describePlan(plan);
      if (plan.status !== "queued" && plan.status !== "running") break;
      setPlanState(plan.status);
      await new Promise((resolve) => setTimeout(resolve, pollMilliseconds));
    }
  } catch (error) {
    if (generation !== pollGeneration) return;
    showMessage(error.status === 404 ? `There is no plan ${id}.` : error.message);
    setPlanState("failed");
    return;
  }

  if (!plan.result) {
    setPlanState("failed");
    loadPlans().catch(() => {});
    return;
  }

  try {
    const path = `/plans/${encodeURIComponent(id)}`;
    const [svg, summary] = await Promise.all([
      api(`${path}/map.svg`, { accept: "image/svg+xml", text: true }),
      api(`${path}/summary`),
    ]);
    if (generation !== pollGeneration) return;
    inlineSvg($("#map"), svg);
    showSummary(summary);
    setPlanState("loaded");
  } catch (error) {
    if (generation !== pollGeneration) return;
    showMessage(error.message);
    setPlanState("failed");
  }
  loadPlans().catch(() => {});
}

function describePlan(plan) {
  const status = $("#plan-status");
  status.replaceChildren(statusBadge(plan.status));
  const parts = [` ${plan.kind} · ${plan.solver}`];
  if (plan.network) parts.push(`network ${plan.network} v${plan.networkVersion}`);
  if (plan.progress) parts.push(`${number(plan.progress.elapsedSeconds, 1)} s`);
  if (plan.progress && plan.progress.bestCost !== null) parts.push(`best cost ${number(plan.progress.bestCost, 0)}`);
  if (plan.error) parts.push(plan.error);
  status.append(parts.join(" · "));
}

function showSummary(summary) {
  $("#routes tbody").replaceChildren(...summary.routes.map((r) => {
    const tr = row([
      r.vehicleId,
      r.profile,
      numberCell(r.stops, 0),
      numberCell(r.distanceKm, 1),
      numberCell(r.durationHours, 2),
      clock(r.startSeconds),
      clock(r.endSeconds),
      element("td", `${number(r.peakLoadPercent, 0)} %`, { class: "num" }),
      numberCell(r.cost, 0),
    ], { class: "route-row", "data-vehicle": r.vehicleId });
    tr.addEventListener("mouseenter", () => highlight(r.vehicleId));
    tr.addEventListener("mouseleave", () => highlight(null));
    return tr;
  }));
  $("#routes tfoot").replaceChildren(row([
    `${summary.routes.length} routes`, `${summary.servedTasks} served`, "",
    numberCell(summary.totalDistanceKm, 1), numberCell(summary.totalDurationHours, 2), "", "", "",
    numberCell(summary.totalCost, 0),
  ]));

  const unassigned = $("#unassigned");
  if (summary.unassigned.length === 0) {
    unassigned.replaceChildren(element("li", "None: every task is served."));
    return;
  }
  unassigned.replaceChildren(...summary.unassigned.map((u) => {
    const li = element("li", `${u.id} `, { class: "unassigned", "data-task": u.id });
    li.append(element("span", u.reason, { class: "reason" }), ` — ${u.explanation}`);
    return li;
  }));
}

function highlight(vehicleId) {
  const svg = $("#map svg");
  if (!svg) return;
  svg.classList.toggle("dimmed", vehicleId !== null);
  for (const path of svg.querySelectorAll("path.route")) {
    path.classList.toggle("highlight", path.getAttribute("data-vehicle") === vehicleId);
  }
}

// --- the day's mail run -------------------------------------------------------------------------------------------

async function loadSolvers() {
  const solvers = await api("/plans/solvers");
  const select = $("#solver-select");
  select.replaceChildren(...solvers.map((s) => element("option", s, { value: s })));
  // The hybrid genetic search finds a first mail-run plan quickly; OR-Tools stays one click away.
  if (solvers.includes("search")) select.value = "search";
}

async function submitMailRun(event) {
  event.preventDefault();
  const form = event.target;
  const data = new FormData(form);
  const button = form.querySelector("button");
  button.disabled = true;
  showMessage("");
  try {
    const plan = await api("/plans/mail-run", {
      method: "POST",
      body: {
        network: data.get("network") || undefined,
        date: data.get("date"),
        seed: Number.parseInt(data.get("seed"), 10),
        solver: data.get("solver") || undefined,
        timeLimitSeconds: Number.parseFloat(data.get("timeLimitSeconds")),
      },
    });
    await loadPlans();
    await choosePlan(plan.id, true);
  } catch (error) {
    if (error.status === 401) {
      $("#api-key").open = true;
      showMessage("This host needs an API key to plan. Enter it under “API key” and try again.\n" + error.message);
    } else {
      showMessage(error.message);
    }
  } finally {
    button.disabled = false;
  }
}

function todayInVietnam() {
  // The run's day in Phú Yên (UTC+7), whatever the browser's time zone.
  return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

async function start() {
  $("#date-input").value = todayInVietnam();
  const keyInput = $("#api-key-input");
  keyInput.value = sessionStorage.getItem(apiKeyStorage) || "";
  keyInput.addEventListener("change", () => {
    if (keyInput.value) sessionStorage.setItem(apiKeyStorage, keyInput.value);
    else sessionStorage.removeItem(apiKeyStorage);
  });
  $("#mail-run-form").addEventListener("submit", submitMailRun);
  $("#refresh-plans").addEventListener("click", () => loadPlans().catch((e) => showMessage(e.message)));
  window.addEventListener("popstate", () => {
    const id = new URLSearchParams(location.search).get("plan");
    if (id) choosePlan(id, false);
  });

  const lists = Promise.all([loadNetworks(), loadSolvers(), loadPlans()])
    .catch((error) => showMessage(`Could not load the lists: ${error.message}`));
  const chosen = new URLSearchParams(location.search).get("plan");
  if (chosen) await choosePlan(chosen, false);
  await lists;
}

document.addEventListener("DOMContentLoaded", start);
