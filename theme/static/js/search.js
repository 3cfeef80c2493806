// The search page (/tim-kiem/): reads ?q=, ?chuyen-muc=, ?sap-xep= from the URL, searches
// the Pagefind bundle(s) built with the site as the reader types, and keeps the URL in
// step so links and bookmarks reproduce the search. No other host is contacted.

import { plan } from "./search/query.js";
import { el, resultItem } from "./search/render.js";

const config = JSON.parse(document.getElementById("search-config").textContent || "{}");
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const categorySelect = document.getElementById("search-category");
const sortSelect = document.getElementById("search-sort");
const status = document.getElementById("search-status");
const results = document.getElementById("search-results");
const fields = config.fields;
const rules = config.numbers || { words: {}, codes: {} };

let pagefind = null;
let searchId = 0;
let timer = null;

async function loadPagefind() {
  if (pagefind) return pagefind;
  const [primary, ...shards] = config.bundles;
  const pf = await import(`${primary}pagefind.js`);
  await pf.options({ ranking: config.ranking, excerptLength: 30 });
  // Older years live in their own bundles on big sites; Pagefind merges their results.
  await Promise.all(shards.map((bundle) => pf.mergeIndex(bundle, { ranking: config.ranking })));
  // The index's table of contents and the WebAssembly come with the page, not the query.
  await pf.init();
  pagefind = pf;
  return pf;
}

function readState() {
  const params = new URLSearchParams(location.search);
  return {
    q: params.get("q") || "",
    category: params.get("chuyen-muc") || "",
    sort: params.get("sap-xep") === "moi-nhat" ? "moi-nhat" : "",
  };
}

function formState() {
  return { q: input.value, category: categorySelect.value, sort: sortSelect.value };
}

function writeUrl(state) {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set("q", state.q.trim());
  if (state.category) params.set("chuyen-muc", state.category);
  if (state.sort) params.set("sap-xep", state.sort);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

function say(text) {
  status.textContent = text;
}

// The pages of `found` not yet in `seen` (later queries of a plan add only new pages).
function fresh(found, seen) {
  return found.results.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

function numberPattern(token) {
  const number = token.match(/^\d+/)[0];
  return new RegExp(`(?<![\\p{N}])${number}(?:\\s*[-\\u2010-\\u2015\\u2212/]\\s*[\\p{L}\\p{N}]+)+`, "gu");
}

// The pages of the documents a number token names ("208qd" -> Quy định số 208-QĐ/TW),
// from the small file of their number; shaped like Pagefind results for the renderer.
async function documentPages(token) {
  const number = token.match(/^\d+/)[0];
  let entries = [];
  try {
    const response = await fetch(`${config.documents}${number}.json`);
    if (response.ok) entries = await response.json();
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.tokens.some((t) => t.startsWith(token)))
    .map((entry) => ({
      result: { id: `van-ban:${entry.url}` },
      data: {
        url: entry.url,
        meta: { title: entry.label },
        filters: { [fields.link]: [entry.url] },
        plain_excerpt: entry.subject,
        content: `${entry.label}. ${entry.subject}`,
      },
    }));
}

async function run(state, id) {
  const p = plan(state.q, rules);
  if (!p) {
    results.replaceChildren();
    results.setAttribute("aria-busy", "false");
    say("");
    return;
  }
  say("Đang tìm…");
  results.setAttribute("aria-busy", "true");
  const pf = await loadPagefind();
  const categoryName = config.categories[state.category];
  const filters = categoryName ? { [fields.category]: categoryName } : {};
  const sort = state.sort ? { [fields.sort]: "desc" } : {};
  const seen = new Set();
  let found;
  let loaded = [];
  if (p.kind === "number") {
    // The documents' own pages first, then the articles citing them.
    const [documents, articles] = await Promise.all([
      documentPages(p.number),
      pf.search(p.queries[0], { filters, sort }),
    ]);
    loaded = documents;
    found = [...documents.map((x) => x.result), ...fresh(articles, seen)];
  } else {
    found = fresh(await pf.search(p.queries[0], { filters, sort }), seen);
    if (!found.length && p.fallback) found = fresh(await pf.search(p.fallback, { filters, sort }), seen);
  }
  if (id !== searchId) return;
  const numberRe = p.kind === "number" ? numberPattern(p.number) : null;
  // Documents do not take the place of citing articles on the first page.
  const shown = await render(found, loaded, p, numberRe, config.pageSize + loaded.length, state, id);
  // A query with đ: the folded query's pages ("dương" for "đường") follow, once found.
  for (const query of p.queries.slice(1)) {
    const more = fresh(await pf.search(query, { filters, sort }), seen);
    if (id !== searchId) return;
    shown.add(more);
  }
  results.setAttribute("aria-busy", "false");
}

// Renders the first page of `found`; returns {add(results)} to append later pages.
async function render(found, loaded, p, numberRe, pageSize, state, id) {
  const list = el("ol", { class: "search-results__list" });
  results.replaceChildren(list);
  const where = config.categories[state.category] ? ` trong chuyên mục ${config.categories[state.category]}` : "";
  let shown = 0;
  const more = el("button", { type: "button", class: "search-results__more" }, "Xem thêm kết quả");
  const announce = () => {
    if (!found.length) say(`Không tìm thấy kết quả nào cho “${state.q.trim()}”${where}.`);
    else say(`Tìm thấy ${found.length} kết quả cho “${state.q.trim()}”${where}. Đang hiện ${shown}.`);
  };
  const showMore = async (moveFocus, count = pageSize) => {
    const slice = found.slice(shown, shown + count);
    const items = await Promise.all(
      slice.map(async (r, i) => ({ data: loaded[shown + i]?.data ?? (await r.data()) })),
    );
    if (id !== searchId) return;
    const nodes = items.map((item) => resultItem(item, fields, p.terms, numberRe));
    list.append(...nodes);
    shown += slice.length;
    if (shown >= found.length) more.remove();
    else if (!more.isConnected) results.append(more);
    if (moveFocus && nodes[0]) nodes[0].querySelector("a").focus();
    announce();
  };
  more.addEventListener("click", () => showMore(true));
  await showMore(false);
  return {
    add(extra) {
      if (!extra.length || id !== searchId) return;
      const wasComplete = shown >= found.length;
      found.push(...extra);
      if (wasComplete && shown < pageSize) showMore(false, pageSize - shown);
      else {
        if (!more.isConnected) results.append(more);
        announce();
      }
    },
  };
}

function schedule(immediate) {
  clearTimeout(timer);
  const state = formState();
  writeUrl(state);
  // A keystroke makes every search still running stale: none of them may render.
  const id = ++searchId;
  // While typing, a last word of one letter is left out: Pagefind would match every word
  // starting with it, a search of seconds that no keystroke can stop. Enter searches all.
  const live = immediate ? state : { ...state, q: state.q.replace(/(^|[^\p{L}\p{N}])[\p{L}\p{N}]$/u, "$1") };
  // No preloading while typing either: a word being typed would fetch every word it starts.
  const go = () => run(live, id).catch((error) => {
    console.error(error);
    say("Không tải được chỉ mục tìm kiếm. Vui lòng thử lại sau.");
  });
  // A short last word is likely a word still being typed, and a costly prefix: wait
  // longer (a document number is one cheap token however it ends).
  const lastWord = live.q.trim().split(/[^\p{L}\p{N}]+/u).pop() || "";
  const quick = lastWord.length >= 3 || plan(live.q, rules)?.kind === "number";
  if (immediate) go();
  else timer = setTimeout(go, quick ? config.debounceMs : 3 * config.debounceMs);
}

const initial = readState();
input.value = initial.q;
categorySelect.value = config.categories[initial.category] ? initial.category : "";
sortSelect.value = initial.sort;
form.addEventListener("submit", (event) => {
  event.preventDefault();
  schedule(true);
});
input.addEventListener("input", () => schedule(false));
categorySelect.addEventListener("change", () => schedule(true));
sortSelect.addEventListener("change", () => schedule(true));
loadPagefind().catch(() => {});
if (initial.q.trim()) schedule(true);
