// The web page: sign-in, a chat with the engine, quick lists, measure detail and the "更新进展" sheet.
// Plain ES module, no build step and no CDN: the server serves this file as it is.

const $ = (id) => document.getElementById(id);

/** Every POST carries this header: the server refuses POSTs without it (cross-site request forgery guard). */
const PAGE_HEADER = { "X-RectifyBot": "1" };

/** An error the user may read: the server's Chinese sentence, or ours. */
class ApiError extends Error {}

/** What the user reads for an error: an API's sentence, never a script's internals. */
function readable(error) {
  if (error instanceof ApiError) return error.message;
  console.error(error);
  return "页面出错了，请刷新后重试。";
}

/** Calls the API; resolves to the JSON body, or throws an ApiError whose message is the server's Chinese sentence. */
async function api(path, { method = "GET", json, form } = {}) {
  const init = { method, headers: method === "GET" ? {} : { ...PAGE_HEADER } };
  if (json !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(json);
  } else if (form) {
    init.body = form;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError("网络连接失败，请检查网络后重试。");
  }
  if (response.status === 401 && path !== "/api/login") {
    showLogin();
  }
  if (response.status === 204) return null;
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(body?.error ?? "服务器出错了，请稍后再试。");
  return body;
}

/** Builds an element: el("p", { className: "x" }, "text", child…). Text is always set as text, never as HTML. */
function el(tag, { dataset = {}, ...props } = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  Object.assign(node.dataset, dataset);
  node.append(...present(children));
  return node;
}

/** Children minus the absent ones (null, undefined, false), so parts of a view can be written as conditions. */
function present(children) {
  return children.flat().filter((child) => child !== null && child !== undefined && child !== false);
}

// --- Sign-in ---------------------------------------------------------------------------------------------------

function showLogin() {
  $("chat-view").hidden = true;
  $("who").hidden = $("logout").hidden = $("bind").hidden = true;
  $("login-view").hidden = false;
  $("login").focus();
  // WeCom sign-in is offered only where the server has it configured.
  fetch("/api/login/options").then((r) => r.json()).then((o) => { $("wecom-login").hidden = !o.wecom; }).catch(() => null);
}

function showChat(me) {
  $("login-view").hidden = true;
  $("chat-view").hidden = false;
  $("who").textContent = `${me.name}｜${me.unit ?? me.role}`;
  $("who").hidden = $("logout").hidden = $("bind").hidden = false;
  $("sync-contacts").hidden = !me.syncsContacts;
  if (!$("messages").childElementCount) {
    addBot({ text: `您好，${me.name}。可以直接提问，例如“我们科有哪些逾期的”，或点上面的按钮；回复“帮助”查看全部用法。` });
  }
  refreshTiles();
}

$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("login-error").textContent = "";
  try {
    showChat(await api("/api/login", { method: "POST", json: { login: $("login").value, password: $("password").value } }));
    $("password").value = "";
  } catch (e) {
    $("login-error").textContent = readable(e);
  }
});

$("logout").addEventListener("click", async () => {
  await api("/api/logout", { method: "POST" }).catch(() => null);
  $("messages").replaceChildren();
  showLogin();
});

// A one-time code to type in WeCom or Teams, which binds that chat account to the person signed in here.
$("bind").addEventListener("click", async () => {
  try {
    addBot({ text: (await api("/api/bind-code", { method: "POST" })).message });
  } catch (e) {
    addBot({ text: readable(e) });
  }
  scrollToEnd();
});

// The office imports the WeCom contacts (departments as units, members as staff with their userids) and is told what changed.
$("sync-contacts").addEventListener("click", async () => {
  const button = $("sync-contacts");
  button.disabled = true;
  const pending = el("li", { className: "msg bot pending" }, "正在同步企业微信通讯录…");
  $("messages").append(pending);
  scrollToEnd();
  try {
    const result = await api("/api/staff/sync-wecom", { method: "POST" });
    const changes = result.changes.length ? result.changes : ["名册中的人员没有变化。"];
    addBot({ text: [`已同步企业微信通讯录：${result.summary}`, ...changes].join("\n") }, pending);
  } catch (e) {
    addBot({ text: readable(e) }, pending);
  } finally {
    button.disabled = false;
  }
});

// --- Chat ------------------------------------------------------------------------------------------------------

function scrollToEnd() {
  window.scrollTo({ top: document.body.scrollHeight });
}

function addMine(text) {
  $("messages").append(el("li", { className: "msg me" }, text));
  scrollToEnd();
}

/**
 * Renders one reply: its text, measure cards, table, buttons, citations and file. A reply about one measure (its
 * detail, or what a write did to it) is one sheet: the reply's words inside that measure's card, with its buttons.
 */
function addBot(reply, into) {
  const item = into ?? el("li", { className: "msg bot" });
  item.className = "msg bot";
  const sheet = isSheet(reply);
  item.replaceChildren(...present([
    sheet ? null : shownText(reply),
    reply.measures?.length
      ? el("div", { className: "cards" }, sheet ? measureCard(reply.measures[0], reply.text) : reply.measures.map((m) => measureCard(m)))
      : null,
    reply.table ? tableOf(reply.table) : null,
    replyActions(reply).length ? el("div", { className: "actions" }, replyActions(reply).map(actionButton)) : null,
    reply.citations?.length
      ? el("ol", { className: "citations" }, reply.citations.map((c) => el("li", {}, `[${c.index}] ${c.source} ${c.location}`)))
      : null,
    reply.file ? fileLink(reply.file) : null,
  ]));
  if (!into) $("messages").append(item);
  scrollToEnd();
  return item;
}

/**
 * The reply's text is complete for text-only channels. Here the cards and the table show its "（9）…" and "【红】第9项…" lines and its
 * per-row lines ("办公室：4项…") better, so those lines are left out and the rest (the count, hints) kept.
 */
/** A reply's own buttons, minus those a card already carries: an action belongs to its card, shown once. */
function replyActions(reply) {
  const onCards = new Set((reply.measures ?? []).flatMap((m) => m.actions.map((a) => a.text)));
  return (reply.actions ?? []).filter((a) => !onCards.has(a.text));
}

function isSheet(reply) {
  return !reply.list && reply.measures?.length === 1 && !reply.table
    && !(reply.text ?? "").split("\n").some((line) => /^(（\d+）|【.】第\d+项)/.test(line));
}

function shownText(reply) {
  const rows = (reply.table?.rows ?? []).map((row) => `${row[0]}：`);
  return (reply.text ?? "").split("\n")
    .filter((line) => !(reply.measures?.length && /^(（\d+）|【.】第\d+项)/.test(line)) && !rows.some((row) => line.startsWith(row)))
    .join("\n");
}

async function say(text) {
  text = text.trim();
  if (!text) return;
  addMine(text);
  const pending = el("li", { className: "msg bot pending" }, "…");
  $("messages").append(pending);
  scrollToEnd();
  try {
    addBot(await api("/api/chat", { method: "POST", json: { text } }), pending);
  } catch (e) {
    addBot({ text: readable(e) }, pending);
  }
  refreshTiles();
}

/** A measure's card; with <body> (the reply's words about it) instead of its text, units and note. */
function measureCard(m, body) {
  const overdue = m.daysOverdue > 0;
  const head = el("div", { className: "head" },
    el("span", { className: "num" }, `第${m.number}项`),
    el("span", { className: `badge ${overdue ? "red" : ""}` }, overdue ? `逾期${m.daysOverdue}天` : m.status));
  const actions = el("div", { className: "actions" }, withDetail(m).map(actionButton));
  if (body) {
    return el("article", { className: `card sheet-card ${overdue ? "is-overdue" : "is-soon"}`, dataset: { number: m.number } },
      // The head already says 第N项 and its state: the reply's own first line saying so is not repeated.
      head, el("p", { className: "body" }, body.replace(new RegExp(`^第${m.number}项｜[^\n]*\n`), "")), actions);
  }
  return el("article", { className: `card ${overdue ? "is-overdue" : "is-soon"}`, dataset: { number: m.number } },
    head,
    el("p", { className: "text" }, m.text),
    m.note
      ? el("p", { className: "meta" }, m.units)
      : el("p", { className: "meta" }, [m.units, m.dueDate ? `时限 ${m.dueDate}` : "时限未定", overdue ? m.status : null].filter(Boolean).join("｜")),
    m.note ? el("p", { className: "note" }, m.note) : null,
    actions);
}

/** A card's buttons and the page's own detail view (the measure's evidence and its update form), which every card offers. */
function withDetail(m) {
  return m.actions.some((a) => a.label === "查看详情") ? m.actions : [...m.actions, { label: "查看详情", text: `第${m.number}项什么情况` }];
}

/**
 * A reply button sends its text; "更新进展" and "查看详情" open the form and the detail view instead of typing. A text
 * ending in "：" (退回第51项，原因：) needs the user's words: it goes into the box to be completed.
 */
function actionButton(action) {
  const number = Number(action.text.match(/\d+/)?.[0]);
  return el("button", {
    type: "button",
    textContent: action.label,
    onclick: () => {
      if (action.label === "更新进展" && number) openUpdate(number);
      else if (action.label === "查看详情" && number) openDetail(number);
      else if (action.text.endsWith("：")) {
        $("text").value = action.text;
        $("text").focus();
      } else say(action.text);
    },
  });
}

function tableOf(table) {
  return el("div", { className: "table-wrap" },
    el("table", {},
      el("thead", {}, el("tr", {}, table.headers.map((h) => el("th", {}, h)))),
      el("tbody", {}, table.rows.map((row) => el("tr", {}, row.map((cell) => el("td", {}, cell)))))));
}

function fileLink(file) {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const href = URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
  return el("p", {}, el("a", { href, download: file.fileName }, `下载 ${file.fileName}`));
}

$("composer").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = $("text").value;
  $("text").value = "";
  say(text);
});

// Enter sends, Shift+Enter starts a new line (on phones the keyboard's send key does the same).
$("text").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $("composer").requestSubmit();
  }
});

for (const chip of document.querySelectorAll("[data-say]")) {
  chip.addEventListener("click", () => say(chip.dataset.say));
}

// --- Quick lists ----------------------------------------------------------------------------------------------

let mine = null;

async function refreshTiles() {
  try {
    mine = await api("/api/my/measures");
    $("tile-overdue").querySelector(".count").textContent = mine.overdue.length;
    $("tile-due").querySelector(".count").textContent = mine.dueSoon.length;
  } catch {
    mine = null;
  }
  try {
    review = await api("/api/review");
    $("tile-review").hidden = review.sections.length === 0;
    $("tile-review").querySelector(".count").textContent = review.size;
  } catch {
    review = null;
  }
}

let review = null;

/** The office's review list: each queue under its title, the items as cards with their 同意/退回 buttons. */
$("tile-review").addEventListener("click", async () => {
  await refreshTiles();
  if (!review) return;
  const item = el("li", { className: "msg bot" },
    review.size ? `待审核${review.size}项（按申请先后）` : "目前没有待审核的事项。",
    review.sections.filter((s) => s.cards.length).flatMap((s) =>
      [el("p", { className: "review-title" }, `${s.title}（${s.cards.length}）`), el("div", { className: "cards" }, s.cards.map((m) => measureCard(m)))]));
  $("messages").append(item);
  scrollToEnd();
});

function showList(title, cards, none) {
  addBot({ text: cards.length ? `${title}（${mine.scope}）：${cards.length}项` : none, measures: cards, list: true });
}

$("tile-overdue").addEventListener("click", async () => {
  await refreshTiles();
  if (mine) showList("逾期措施", mine.overdue, "没有逾期的措施。");
});

$("tile-due").addEventListener("click", async () => {
  await refreshTiles();
  if (mine) showList("两周内到期", mine.dueSoon, "两周内没有到期的措施。");
});

// --- Detail and update sheets ---------------------------------------------------------------------------------

for (const close of document.querySelectorAll("[data-close]")) {
  close.addEventListener("click", () => close.closest("dialog").close());
}

function detailBody(m) {
  const item = (label, value) => (value ? [el("dt", {}, label), el("dd", {}, value)] : []);
  return [
    el("p", {}, m.text),
    el("dl", {},
      item("状态", m.daysOverdue > 0 ? `${m.status}（逾期${m.daysOverdue}天）` : m.status),
      item("时限", m.deadline),
      item("牵头", m.leadUnits),
      item("配合", m.supportingUnits),
      item("认领", m.claims.join("、")),
      item("问题", m.finding)),
    el("h3", {}, `最新进展（${m.updates.length}条）`),
    m.updates.length
      ? el("ul", { className: "updates" }, m.updates.slice(0, 5).map((u) =>
          el("li", {}, `${u.on} ${u.staff ?? ""}：${u.text}${u.status ? `（改为${u.status}）` : ""}`)))
      : el("p", { className: "muted" }, "还没有进展记录。"),
    el("h3", { className: "evidence-count" }, `佐证材料（${m.evidence.length}份）`),
    m.evidence.length
      // The server gives the time in the organisation's zone ("2023-12-01T05:20:00+08:00"): its date is the local day.
      ? el("ul", {}, m.evidence.map((e) => el("li", {}, `${e.fileName}｜${e.staff ?? ""}｜${e.at.slice(0, 10)}`)))
      : el("p", { className: "muted" }, "还没有佐证材料。"),
    // The server offers only what this person may do with the measure (another unit's shows no buttons).
    el("div", { className: "actions" }, m.actions.filter((a) => a.label !== "查看详情").map(actionButton)),
  ];
}

async function openDetail(number) {
  $("update").close();
  $("detail-title").textContent = `第${number}项`;
  $("detail-body").replaceChildren(el("p", { className: "muted" }, "正在加载…"));
  if (!$("detail").open) $("detail").showModal();
  try {
    $("detail-body").replaceChildren(...detailBody(await api(`/api/measures/${number}`)));
  } catch (e) {
    $("detail-body").replaceChildren(el("p", { className: "error" }, readable(e)));
  }
}

let updating = 0;

function openUpdate(number) {
  updating = number;
  $("detail").close();
  $("update-form").reset();
  $("update-file").textContent = "";
  $("update-error").textContent = "";
  $("update-measure").textContent = `第${number}项`;
  $("update").showModal();
  // Which measure this is, in words, once the detail arrives; the form works without it.
  api(`/api/measures/${number}`).then((m) => { if (updating === number) $("update-measure").textContent = `第${number}项：${m.text}`; }, () => {});
}

$("update-form").addEventListener("change", (event) => {
  if (event.target.type === "file") {
    $("update-file").textContent = event.target.files[0] ? `已选：${event.target.files[0].name}` : "";
  }
});

$("update-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData($("update-form"));
  for (const name of ["photo", "file"]) {
    if (!form.get(name)?.size) form.delete(name);
  }
  const submit = event.submitter;
  submit.disabled = true;
  $("update-error").textContent = "";
  try {
    const result = await api(`/api/measures/${updating}/progress`, { method: "POST", form });
    $("update").close();
    addBot({ text: result.message });
    refreshTiles();
    openDetail(result.measure.number);
  } catch (e) {
    $("update-error").textContent = readable(e);
  } finally {
    submit.disabled = false;
  }
});

// --- Start: signed in already (the cookie lasts), or the login form. ------------------------------------------

api("/api/me").then(showChat, showLogin);
