/*
 * Vraagbaak chat widget. One tag on any intranet page:
 *
 *   <script src="https://HOST/widget.js" data-api="https://HOST" defer></script>
 *
 * or, where the chat should sit in the page itself:
 *
 *   <vraagbaak-chat data-api="https://HOST" data-placement="inline"></vraagbaak-chat>
 *
 * Options (data- attributes): api, title, placement (floating | inline), accent (CSS colour),
 * lang (nl | en), collection (search only these collections, comma-separated: data-collection="g40"),
 * intro and placeholder (the opening line and the example question, for a page of another collection). Styles live in shadow DOM (constructable stylesheets, so a strict
 * Content-Security-Policy on the host needs no 'unsafe-inline'); everything from the server
 * or the user is rendered with textContent, never as HTML.
 */
(() => {
  "use strict";

  const STRINGS = {
    nl: {
      title: "Vraagbaak",
      open: "Open Vraagbaak: stel een vraag over de rapporten",
      close: "Sluit Vraagbaak",
      label: "Je vraag",
      placeholder: "Bijvoorbeeld: Wat doet de themagroep Financiën?",
      send: "Vraag",
      clear: "Wis gesprek",
      transcript: "Gesprek met Vraagbaak",
      intro: "Stel een vraag over de rapporten van het G40 Stedennetwerk. Je krijgt passages uit de rapporten zelf, met de bron erbij.",
      loading: "Bezig met zoeken…",
      you: "Jij",
      bot: "Vraagbaak",
      newTab: "opent in een nieuw tabblad",
      notAllowed: "Vraagbaak is op deze pagina niet goed ingesteld: de toegang ontbreekt. " +
        "Meld dit bij de beheerder van het intranet.",
      source: "Bekijk in bron",
      alsoIn: "Staat ook in",
      otherFigures: "Met andere cijfers of namen in",
      page: "pagina",
      pages: "pagina's",
      notFound: "Dat staat niet in de rapporten.",
      saidAnswered: (n, where) => `${n === 1 ? "Eén passage" : `${n} passages`} uit de rapporten; de eerste uit ${where}.`,
      saidUncertain: (n, where) => `Niet zeker. ${n === 1 ? "Eén passage komt" : `${n} passages komen`} het dichtst in de buurt; de eerste uit ${where}.`,
      rephrase: "Stel je vraag anders, bijvoorbeeld met het onderwerp, de organisatie of de plaats erin.",
      uncertainLabel: "Niet zeker.",
      uncertain: "Dit komt het dichtst in de buurt, maar beantwoordt je vraag misschien niet:",
      suggestions: "Misschien staat het antwoord in:",
      searchedAs: "Gezocht op:",
      asTyped: "Zoek precies wat ik typte",
      asTypedNote: "precies zoals getypt",
      network: "Vraagbaak is niet bereikbaar. Controleer je verbinding en probeer het opnieuw.",
      tooMany: (s) => `Te veel vragen in korte tijd. Probeer het over ${s} ${s === 1 ? "seconde" : "seconden"} opnieuw.`,
      failed: "Er ging iets mis. Probeer het later opnieuw.",
      empty: "Typ eerst een vraag.",
      cut: (n) => `Je vraag is ingekort tot ${n} tekens; langer kan niet.`,
      helpful: "Nuttig",
      notHelpful: "Niet nuttig",
      thanks: "Bedankt voor je reactie.",
      feedbackFor: "Was deze passage nuttig?",
      passage: "Passage",
      of: "van",
    },
    en: {
      title: "Vraagbaak",
      open: "Open Vraagbaak: ask a question about the reports",
      close: "Close Vraagbaak",
      label: "Your question",
      placeholder: "For example: Which cities are members of the G40?",
      send: "Ask",
      clear: "Clear conversation",
      transcript: "Conversation with Vraagbaak",
      intro: "Ask a question about the reports of the G40 network. You get passages from the reports themselves, with their source.",
      loading: "Searching…",
      you: "You",
      bot: "Vraagbaak",
      newTab: "opens in a new tab",
      notAllowed: "Vraagbaak is not set up correctly on this page: access is missing. " +
        "Please tell the intranet's administrator.",
      source: "View in source",
      alsoIn: "Also in",
      otherFigures: "With other figures or names in",
      page: "page",
      pages: "pages",
      notFound: "The reports do not say.",
      saidAnswered: (n, where) => `${n === 1 ? "One passage" : `${n} passages`} from the reports; the first from ${where}.`,
      saidUncertain: (n, where) => `Not sure. ${n === 1 ? "One passage comes" : `${n} passages come`} closest; the first from ${where}.`,
      rephrase: "Try asking differently, for example with the subject, the organisation or the place in it.",
      uncertainLabel: "Not sure.",
      uncertain: "This comes closest, but may not answer your question:",
      suggestions: "The answer may be in:",
      searchedAs: "Searched for:",
      asTyped: "Search exactly what I typed",
      asTypedNote: "exactly as typed",
      network: "Vraagbaak cannot be reached. Check your connection and try again.",
      tooMany: (s) => `Too many questions in a short time. Try again in ${s} ${s === 1 ? "second" : "seconds"}.`,
      failed: "Something went wrong. Please try again later.",
      empty: "Type a question first.",
      cut: (n) => `Your question was cut to ${n} characters; it cannot be longer.`,
      helpful: "Helpful",
      notHelpful: "Not helpful",
      thanks: "Thank you for your feedback.",
      feedbackFor: "Was this passage helpful?",
      passage: "Passage",
      of: "of",
    },
  };

  const STYLES = `
:host{all:initial !important;display:block !important;visibility:visible !important;opacity:1 !important;
  font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif !important;color:#1b1b1b !important;
  --accent:#0b5cad;--on-accent:#ffffff;--accent-ink:#0b5cad;--mark:#fff1a8;--muted:#4d4d4d;--line:#c9c9c9}
:host([data-placement="floating"]){position:fixed !important;right:16px !important;bottom:16px !important;
  left:auto !important;top:auto !important;z-index:2147483000 !important;width:auto !important;height:auto !important}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none !important}
button,input,a{font:inherit;color:inherit}
.launcher{display:flex;align-items:center;gap:8px;margin-left:auto;border:1px solid transparent;border-radius:999px;padding:12px 18px;
  background:var(--accent);color:var(--on-accent);font-weight:600;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}
.launcher svg{width:20px;height:20px;fill:currentColor}
.panel{position:relative;display:flex;flex-direction:column;background:#fff;border:1px solid var(--line);border-radius:12px;overflow:hidden;
  box-shadow:0 10px 30px rgba(0,0,0,.25)}
:host([data-placement="floating"]) .panel{width:min(420px,calc(100vw - 32px));height:min(620px,calc(100vh - 96px));margin-bottom:12px}
:host([data-placement="inline"]) .panel{width:100%;min-height:420px;max-height:720px;box-shadow:none}
.head{display:flex;align-items:center;gap:8px;padding:10px 12px;background:var(--accent);color:var(--on-accent)}
.head h2{flex:1;margin:0;font-size:16px;font-weight:700}
.head button{background:transparent;border:1px solid currentColor;border-radius:6px;padding:4px 8px;cursor:pointer;color:var(--on-accent)}
.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:10px;background:#f7f7f7}
.intro{color:var(--muted);margin:0}
.msg{max-width:100%;word-wrap:break-word;overflow-wrap:anywhere}
.msg.user{align-self:flex-end;background:var(--accent);color:var(--on-accent);padding:8px 12px;border-radius:12px 12px 2px 12px}
.status{color:var(--muted);font-style:italic}
.error{background:#fde8e8;color:#8a1010;border:1px solid #e3a3a3;padding:8px 10px;border-radius:8px}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:10px 12px}
.card .path{margin:0 0 4px;font-size:13px;color:var(--muted);font-weight:600}
.card p.text{margin:0 0 8px;white-space:pre-line}
mark{background:var(--mark);color:#1b1b1b;padding:0 1px}
.meta{display:flex;flex-wrap:wrap;gap:8px;align-items:center;font-size:13px;color:var(--muted)}
.meta a{color:var(--accent-ink);font-weight:600}
.also{font-size:13px;color:var(--muted);margin:0 0 6px}
.also a{color:var(--accent-ink)}
.fb{margin-left:auto;display:flex;gap:6px}
.fb button{border:1px solid var(--line);background:#fff;border-radius:6px;padding:2px 8px;cursor:pointer;font-size:13px}
.fb button[aria-pressed="true"]{background:var(--accent);color:var(--on-accent);border-color:var(--accent-ink)}
.fb .fb-error{color:#8a1010;font-size:13px}
.none ul{margin:4px 0 0;padding-left:18px}.none a{color:var(--accent-ink)}
.none{border-left:4px solid #595959}.none .hint{color:var(--muted);margin:6px 0 0}
.caveat{background:#fff8e1;border:1px solid #8a6d00;border-left-width:4px;color:#3d3000;padding:8px 10px;border-radius:8px;margin:0}
.card.tentative{border-style:dashed}
.spelled{margin:0;color:var(--muted)}.spelled strong{color:#1b1b1b}
.msg.user .astyped{font-style:italic}
.spelled button{margin-left:6px;border:0;background:none;padding:0;color:var(--accent-ink);text-decoration:underline;cursor:pointer}
/* transparent borders on filled buttons: forced-colours mode paints them, so the button keeps its outline */
form{display:flex;gap:8px;padding:10px;border-top:1px solid var(--line);background:#fff}
.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0 0 0 0);
  clip-path:inset(50%);white-space:nowrap}
.cut{margin:0;padding:0 10px 8px;background:#fff;color:#8a1010;font-size:13px}
input{flex:1;min-width:0;border:1px solid #767676;border-radius:8px;padding:8px 10px;background:#fff;color:#1b1b1b}
form button{border:1px solid transparent;border-radius:8px;padding:8px 14px;background:var(--accent);color:var(--on-accent);font-weight:600;cursor:pointer}
button:focus-visible,input:focus-visible,a:focus-visible{outline:3px solid #1b1b1b;outline-offset:2px;box-shadow:0 0 0 5px #fff}
@media (prefers-reduced-motion:no-preference){.panel{animation:rise .16s ease-out}@keyframes rise{from{transform:translateY(8px);opacity:0}to{transform:none;opacity:1}}}
@media (max-width:360px){:host([data-placement="floating"]){right:8px !important;bottom:8px !important}
  :host([data-placement="floating"]) .panel{width:calc(100vw - 16px);height:calc(100vh - 80px)}}
`;

  const ICON = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z";
  const currentScript = document.currentScript;

  const MAX_CHARS = 1000;  // the service's limit on a question
  const COVERS_SHARE = 0.8;  // a floating panel this wide a share of the window covers the page
  const ANSWER_START = 40;  // pixels of an answer that must show under its question when both are scrolled to

  /** A CSS colour as [r, g, b] (0–255), or null when the canvas cannot tell (a colour with transparency). */
  function rgb(colour) {
    const probe = document.createElement("canvas").getContext("2d");
    if (!probe) return null;
    probe.fillStyle = "#000";
    probe.fillStyle = colour;
    const hex = probe.fillStyle;
    return /^#[0-9a-f]{6}$/i.test(hex) ? [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) : null;
  }

  function luminance(channels) {
    const [r, g, b] = channels.map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }

  /** Readable text on a custom accent colour, by relative luminance contrast. */
  function textOn(channels) {
    const lum = luminance(channels);
    return (1.05) / (lum + 0.05) >= (lum + 0.05) / 0.05 ? "#ffffff" : "#000000";
  }

  /** The accent as text or outline on the widget's light backgrounds (#fff, #f7f7f7): the accent itself
   * when it has 4.5:1 there, else the accent darkened (same hue) until it has; a yellow accent is unreadable. */
  function inkFrom(channels) {
    const background = luminance([247, 247, 247]);
    for (let f = 1; f > 0; f -= 0.05) {
      const dark = channels.map((v) => Math.round(v * f));
      if ((background + 0.05) / (luminance(dark) + 0.05) >= 4.5) return `rgb(${dark.join(",")})`;
    }
    return "#000000";
  }

  // Landmarks of two widgets on one page need distinct names (a screen reader lists them side by side).
  const mounted = new Set();
  function relabel() {
    const widgets = [...mounted].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    widgets.forEach((widget, i) => widget.label(widgets.length > 1 ? i + 1 : 0));
  }

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  class VraagbaakChat extends HTMLElement {
    connectedCallback() {
      if (!this.shadowRoot) this.mount();
      mounted.add(this);
      relabel();
    }

    disconnectedCallback() {
      mounted.delete(this);
      relabel();
    }

    mount() {
      const script = currentScript || document.querySelector('script[src*="widget.js"]');
      const option = (name, fallback) => this.dataset[name] || (script && script.dataset[name]) || fallback;
      this.api = option("api", script ? new URL(script.src, location.href).origin : location.origin).replace(/\/$/, "");
      this.lang = option("lang", "nl") === "en" ? "en" : "nl";
      this.t = { ...STRINGS[this.lang], intro: option("intro", STRINGS[this.lang].intro),
        placeholder: option("placeholder", STRINGS[this.lang].placeholder) };  // a page of another network words its own
      this.placement = option("placement", "floating") === "inline" ? "inline" : "floating";
      this.collections = option("collection", "").split(",").map((c) => c.trim()).filter(Boolean);
      this.dataset.placement = this.placement;
      this.storageKey = `vraagbaak:${this.api}:${this.placement}:${this.collections.join(",")}`;
      const root = this.attachShadow({ mode: "open" });
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLES);
      root.adoptedStyleSheets = [sheet];
      const accent = option("accent", "");
      if (accent && window.CSS && window.CSS.supports("color", accent)) {
        const channels = rgb(accent);
        this.style.setProperty("--accent", accent);
        this.style.setProperty("--on-accent", channels ? textOn(channels) : "#ffffff");
        this.style.setProperty("--accent-ink", channels ? inkFrom(channels) : accent);
      }
      this.caption = option("title", this.t.title);
      this.build(root, this.caption);
      this.restore();
      if (this.placement === "inline") this.panel.hidden = false;
    }

    build(root, title) {
      const t = this.t;
      const id = `vb-${Math.random().toString(36).slice(2, 8)}`;
      this.launcher = el("button", { class: "launcher", type: "button", "aria-expanded": "false",
        "aria-controls": `${id}-panel`, "aria-label": t.open, onclick: () => this.open() });
      const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      svg.setAttribute("viewBox", "0 0 24 24");
      svg.setAttribute("aria-hidden", "true");
      const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
      path.setAttribute("d", ICON);
      svg.append(path);
      this.launcher.append(svg, el("span", { text: title }));
      // The transcript is a labelled region a screen reader can browse; what is new is said in one short
      // sentence by the live region (a live transcript read out three passages of 1,000 characters each).
      this.log = el("div", { class: "log", role: "region", "aria-label": t.transcript, tabindex: "0" });
      this.live = el("p", { class: "vh", role: "status", "aria-live": "polite" });
      // No maxlength: it cut a long paste without a word. The field is cut here and says so.
      this.cutNote = el("p", { class: "cut", id: `${id}-cut`, text: t.cut(MAX_CHARS), hidden: "" });
      this.input = el("input", { id: `${id}-q`, type: "text", autocomplete: "off", placeholder: t.placeholder,
        "aria-describedby": this.cutNote.id, oninput: () => this.limit() });
      this.sendButton = el("button", { type: "submit", text: t.send });
      const closeButton = this.placement === "floating"
        ? el("button", { type: "button", text: "✕", "aria-label": t.close, onclick: () => this.close() }) : null;
      const clearButton = el("button", { type: "button", text: t.clear, onclick: () => this.clear() });
      // Only the floating panel is a dialog; inline, the section is a region of the page.
      this.panel = el("section", { class: "panel", id: `${id}-panel`, "aria-label": title, hidden: "",
        ...(this.placement === "floating" ? { role: "dialog" } : {}) },
        el("div", { class: "head" }, el("h2", { text: title }), clearButton, closeButton),
        this.log, this.live,
        el("form", { onsubmit: (e) => { e.preventDefault(); this.ask(); } },
          el("label", { class: "vh", for: `${id}-q`, text: t.label }), this.input, this.sendButton),
        this.cutNote);
      this.panel.addEventListener("keydown", (e) => {
        if (e.key === "Escape" && this.placement === "floating") { e.stopPropagation(); this.close(); }
        if (e.key === "Tab" && this.placement === "floating" && this.markModal()) this.keepFocus(e);
      });
      root.append(this.panel);
      if (this.placement === "floating") {
        root.append(this.launcher);
        window.addEventListener("resize", () => { if (!this.panel.hidden) this.markModal(); });  // a phone turned
      }
    }

    // ``n`` numbers this widget among several on the page (0: the only one).
    label(n) {
      const suffix = n ? ` (${n})` : "";
      this.log.setAttribute("aria-label", `${this.t.transcript}${suffix}`);
      this.panel.setAttribute("aria-label", `${this.caption}${suffix}`);
    }

    limit() {
      const value = this.input.value;
      const cut = value.length > MAX_CHARS;
      if (cut) {
        const caret = Math.min(this.input.selectionStart, MAX_CHARS);
        // Not between the two halves of an emoji (a UTF-16 pair), which the service would refuse as no text.
        const end = /[\ud800-\udbff]/.test(value[MAX_CHARS - 1]) ? MAX_CHARS - 1 : MAX_CHARS;
        this.input.value = value.slice(0, end);
        this.input.setSelectionRange(caret, caret);
        this.announce(this.t.cut(MAX_CHARS));
      }
      if (cut || value.length < MAX_CHARS) this.cutNote.hidden = !cut;  // at the limit exactly, the note stays as it was
    }

    open() {
      this.panel.hidden = false;
      this.launcher.hidden = true;
      this.launcher.setAttribute("aria-expanded", "true");
      this.markModal();
      this.input.focus();
    }

    // On a narrow screen the floating panel covers the page: it is modal there, and Tab goes round inside it
    // (focus on a link under the panel could not be seen). Elsewhere the page beside it stays reachable.
    // Whether it covers the page is set as aria-modal, and returned.
    markModal() {
      const covers = this.panel.getBoundingClientRect().width >= window.innerWidth * COVERS_SHARE;
      if (covers) this.panel.setAttribute("aria-modal", "true"); else this.panel.removeAttribute("aria-modal");
      return covers;
    }

    keepFocus(e) {
      const reachable = [...this.panel.querySelectorAll("button, a[href], input, [tabindex='0']")]
        .filter((n) => !n.disabled && n.getClientRects().length);
      const here = this.shadowRoot.activeElement;
      const [first, last] = [reachable[0], reachable[reachable.length - 1]];
      if (!first) return;
      if (e.shiftKey ? here === first || !reachable.includes(here) : here === last) {
        e.preventDefault();
        (e.shiftKey ? last : first).focus();
      }
    }

    close() {
      this.panel.hidden = true;
      this.launcher.hidden = false;
      this.launcher.setAttribute("aria-expanded", "false");
      this.launcher.focus();
    }

    // The conversation is kept for this browser session only, as data (never as HTML).
    get history() {
      try { return JSON.parse(sessionStorage.getItem(this.storageKey) || "[]"); } catch { return []; }
    }

    // Kept with the answer in the session, so the button does not come back when the page is reloaded.
    markAskedAsTyped(id) {
      this.update(id, (item) => ({ ...item, askedAsTyped: true }));
    }

    // The verdict and its receipt stay with the answer, so after a reload a changed verdict still replaces it.
    rememberFeedback(id, passageId, given) {
      this.update(id, (item) => ({ ...item, feedback: { ...(item.feedback || {}), [passageId]: given } }));
    }

    // One remembered answer changed (by its id), the others kept as they are.
    update(id, change) {
      this.store(this.history.map((item) => (id && item.id === id ? change(item) : item)));
    }

    remember(entry) {
      this.store(this.history.concat([entry]).slice(-30));
    }

    store(items) {
      try { sessionStorage.setItem(this.storageKey, JSON.stringify(items)); } catch { /* storage full or blocked */ }
    }

    restore() {
      this.log.replaceChildren(el("p", { class: "intro", text: this.t.intro }));
      for (const entry of this.history) this.render(entry);
    }

    clear() {
      try { sessionStorage.removeItem(this.storageKey); } catch { /* ignore */ }
      this.restore();
      this.announce("");
      this.input.focus();
    }

    async ask() {
      const question = this.input.value.trim();
      if (!question) {
        this.show({ kind: "error", message: this.t.empty });
        return;
      }
      this.input.value = "";
      this.cutNote.hidden = true;
      const entry = await this.send(question, true);
      // A failed question comes back to the field to try again, unless the next one is being typed.
      if (entry.kind === "error" && !this.input.value) this.input.value = question;
    }

    // ``spelling`` false searches the words as typed, when a correction was not what the asker meant.
    async send(question, spelling) {
      const userEntry = spelling ? { kind: "user", text: question } : { kind: "user", text: question, asTyped: true };
      const asked = this.render(userEntry);
      this.remember(userEntry);
      const status = el("p", { class: "status", text: this.t.loading });
      this.log.append(status);
      this.announce(this.t.loading);
      if (status.scrollIntoView) status.scrollIntoView({ block: "end" });  // the question and "searching" in view
      this.log.setAttribute("aria-busy", "true");
      this.busy(true);
      let entry;
      try {
        const response = await fetch(`${this.api}/api/ask`, {
          method: "POST", headers: { "Content-Type": "application/json" }, credentials: "omit",
          body: JSON.stringify({ question, top_k: 3, ...(this.collections.length ? { collections: this.collections } : {}),
            ...(spelling ? {} : { spelling: false }) }),
        });
        if (response.status === 429) {
          const wait = parseInt(response.headers.get("Retry-After") || "30", 10);
          entry = { kind: "error", message: this.t.tooMany(Number.isFinite(wait) ? wait : 30) };
        } else if (response.status === 401 || response.status === 403) {  // the page's setup, not the asker's doing
          entry = { kind: "error", message: this.t.notAllowed };
        } else if (!response.ok) {
          const body = await response.json().catch(() => null);
          entry = { kind: "error", message: (body && body.error && body.error.message) || this.t.failed };
        } else {
          entry = { kind: "answer", id: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, question,
            body: await response.json() };
        }
      } catch {
        entry = { kind: "error", message: this.unreachable() };
      }
      status.remove();
      this.log.removeAttribute("aria-busy");
      this.busy(false);
      this.show(entry, asked);
      if (entry.kind === "answer") this.remember(entry);
      this.input.focus();
      return entry;
    }

    // A fetch that fails tells a service that is down from one that refuses this page's origin (CORS)
    // not at all; the console names the second possibility for whoever embeds the widget.
    unreachable() {
      if (new URL(this.api, location.href).origin !== location.origin) {
        console.warn(`Vraagbaak: ${this.api} did not answer. If the service is running, this page's origin ` +
          `(${location.origin}) may be missing from its VRAAGBAAK_CORS_ORIGINS.`);
      }
      return this.t.network;
    }

    // One question at a time: the send button and every "search as typed" button wait for the answer.
    busy(waiting) {
      this.sendButton.disabled = waiting;
      for (const button of this.log.querySelectorAll(".spelled button")) button.disabled = waiting;
    }

    // The answer is scrolled to with its question above it (``asked``), where the transcript has room for both.
    show(entry, asked = null) {
      const node = this.render(entry);
      const both = asked && node && node.offsetTop + ANSWER_START - asked.offsetTop < this.log.clientHeight;
      const top = both ? asked : node;
      if (top && top.scrollIntoView) top.scrollIntoView({ block: "start" });
      // An error is an alert, said once; the status line no longer says "searching" or the last answer.
      this.announce(entry.kind === "answer" ? this.summary(entry.body || {}) : "");
    }

    // What a screen reader says of an answer: its outcome and where the first passage is from.
    summary(body) {
      const t = this.t;
      const passages = body.passages || [];
      const first = passages[0] && passages[0].citation;
      const where = first ? [first.title, ...(first.section || []).slice(-1)].filter(Boolean).join(", ") : "";
      if (body.status === "not_found" || !passages.length) return t.notFound;
      return body.status === "uncertain" ? t.saidUncertain(passages.length, where) : t.saidAnswered(passages.length, where);
    }

    announce(text) {
      clearTimeout(this.saying);  // a line still waiting must not overwrite this one
      this.live.textContent = "";
      if (text) this.saying = setTimeout(() => { this.live.textContent = text; }, 50);  // a change, even when the same text comes twice
    }

    render(entry) {
      const t = this.t;
      let node;
      if (entry.kind === "user") {
        node = el("p", { class: "msg user" }, el("span", { class: "vh", text: `${t.you}: ` }), entry.text,
          entry.asTyped ? el("span", { class: "astyped", text: ` (${t.asTypedNote})` }) : null);
      } else if (entry.kind === "error") {
        node = el("p", { class: "msg error", role: "alert", text: entry.message });
      } else {
        const body = entry.body || {};
        // Three outcomes, told apart by words as well as by style: answered, uncertain, not found.
        const status = body.status || (body.answered ? "answered" : "not_found");
        node = el("div", { class: `msg ${status}`, "data-status": status },
          el("span", { class: "vh", text: `${t.bot}: ` }));  // as the question starts with "Jij: "
        if (body.searched_as) {  // typing errors were corrected: say what was searched, and offer the words as typed (once)
          const searched = el("strong");
          let rest = body.searched_as;
          for (const c of body.corrections || []) {  // the corrected words marked, in the order of the question
            const at = rest.indexOf(c.meant);
            if (at < 0) continue;
            searched.append(rest.slice(0, at), el("mark", { text: c.meant }));
            rest = rest.slice(at + c.meant.length);
          }
          searched.append(rest);
          // The changes in words too: a screen reader does not announce <mark>.
          const changed = (body.corrections || []).map((c) => `${c.typed} → ${c.meant}`).join(", ");
          node.append(el("p", { class: "spelled", role: "note" }, `${t.searchedAs} `, searched,
            changed ? ` (${changed})` : null,
            entry.askedAsTyped ? null : el("button", { type: "button", text: t.asTyped,
              "aria-label": `${t.asTyped}: ${entry.question}`, onclick: (e) => {
                e.currentTarget.remove();
                this.markAskedAsTyped(entry.id);
                this.send(entry.question, false);
              } })));
        }
        if (status === "not_found") {
          const list = el("ul");
          for (const s of body.suggestions || []) {
            list.append(el("li", {}, this.tabLink(s.url,
              `${(s.section || []).join(" › ") || s.title} (${t.page} ${s.page})`)));
          }
          node.append(el("div", { class: "card none" }, el("p", {}, el("strong", { text: t.notFound })),
            list.childElementCount ? el("p", { text: t.suggestions }) : null, list.childElementCount ? list : null,
            el("p", { class: "hint", text: t.rephrase })));
        } else if (status === "uncertain") {
          node.append(el("p", { class: "caveat", role: "note" }, el("b", { text: t.uncertainLabel }), " ",
            t.uncertain));
        }
        const total = (body.passages || []).length;
        for (const passage of body.passages || []) {
          const card = this.card(passage, entry, total);
          if (status === "uncertain") card.classList.add("tentative");
          node.append(card);
        }
      }
      this.log.append(node);
      return node;
    }

    card(passage, entry, total) {
      const t = this.t;
      const c = passage.citation;
      const text = el("p", { class: "text" });
      let at = 0;
      const spans = (passage.highlights || []).slice().sort((a, b) => a[0] - b[0]);
      for (const [start, end] of spans) {
        if (start < at || end > passage.text.length) continue;
        text.append(passage.text.slice(at, start), el("mark", { text: passage.text.slice(start, end) }));
        at = end;
      }
      text.append(passage.text.slice(at));
      const pages = c.page_end && c.page_end !== c.page ? `${t.pages} ${c.page}–${c.page_end}` : `${t.page} ${c.page}`;
      // Which document and year, always: on a shelf of several years the same words can come from any of them.
      const title = c.year && !String(c.title).includes(String(c.year)) ? `${c.title} (${c.year})` : c.title;
      // Other years of the same report by their year; documents a year alone does not tell apart by title.
      const years = (c.also_in || []).map((o) => o.year);
      const byYear = years.every((y) => y && y !== c.year && years.indexOf(y) === years.lastIndexOf(y));
      const named = (o) => (o.year && !String(o.title).includes(String(o.year)) ? `${o.title} (${o.year})` : o.title);
      // The same text with other figures is listed apart: its year does not say what this passage says.
      const listed = (label, versions) => versions.length ? el("p", { class: "also" }, `${label}: `,
        ...versions.map((o) => this.tabLink(o.url, byYear ? String(o.year) : named(o)))
          .flatMap((a, i) => (i ? [", ", a] : [a]))) : null;
      const same = listed(t.alsoIn, (c.also_in || []).filter((o) => !o.other_figures));
      const differing = listed(t.otherFigures, (c.also_in || []).filter((o) => o.other_figures));
      const feedback = el("div", { class: "fb", role: "group", "aria-label": t.feedbackFor });
      const given = (entry.feedback || {})[passage.id];  // a verdict given before the page was reloaded
      if (given) feedback.dataset.receipt = given.receipt;
      for (const [label, helpful] of [[t.helpful, true], [t.notHelpful, false]]) {
        feedback.append(el("button", { type: "button", "aria-pressed": String(Boolean(given) && given.helpful === helpful),
          text: label, onclick: (e) => this.feedback(e.currentTarget, feedback, entry, passage.id, helpful) }));
      }
      return el("article", { class: "card", "aria-label": `${t.passage} ${passage.rank} ${t.of} ${total}` },
        el("p", { class: "path", text: (c.section || []).join(" › ") || c.title }),
        text,
        same,
        differing,
        el("div", { class: "meta" },
          el("span", { text: `${title}, ${pages}` }),
          // a list of links all named "Bekijk in bron" says nothing out of context: each names its place
          this.tabLink(c.url, t.source, `${t.source}: ${(c.section || []).slice(-1)[0] || c.title}, ${pages}`),
          feedback));
    }

    // The button stays pressed only once the service has the feedback; otherwise the reason is said
    // (a passage gone since a new index, the service unreachable) and the button can be pressed again.
    async feedback(button, group, entry, passageId, helpful) {
      const question = entry.question;
      const buttons = group.querySelectorAll("button");
      for (const b of buttons) b.disabled = true;
      let message = null;
      try {
        // A changed verdict (or the same button again) takes back this person's earlier one: one person, one vote.
        const earlier = group.dataset.receipt || null;
        const response = await fetch(`${this.api}/api/feedback`, {
          method: "POST", headers: { "Content-Type": "application/json" }, credentials: "omit",
          body: JSON.stringify({ question, passage_id: passageId, helpful, ...(earlier && { replaces: earlier }) }),
        });
        const body = await response.json().catch(() => null);
        if (!response.ok) {
          message = (body && body.error && body.error.message) || this.t.failed;
        } else if (body && typeof body.receipt === "string") {
          group.dataset.receipt = body.receipt;
          this.rememberFeedback(entry.id, passageId, { receipt: body.receipt, helpful });
        }
      } catch {
        message = this.unreachable();
      }
      for (const b of buttons) {
        b.disabled = false;
        b.setAttribute("aria-pressed", String(!message && b === button));
      }
      for (const old of group.querySelectorAll(".thanks, .fb-error")) old.remove();
      group.append(message ? el("span", { class: "fb-error", role: "alert", text: message })
        : el("span", { class: "thanks", role: "status", text: this.t.thanks }));
    }

    // A link that opens in a new tab and says so to a screen reader (``name``: what it is called before that).
    tabLink(path, text, name = text) {
      return el("a", { href: this.url(path), target: "_blank", rel: "noopener noreferrer", text,
        "aria-label": `${name} (${this.t.newTab})` });
    }

    url(path) {
      try {
        const target = new URL(path, `${this.api}/`);
        return ["http:", "https:"].includes(target.protocol) ? target.href : "#";
      } catch { return "#"; }
    }
  }

  if (!customElements.get("vraagbaak-chat")) customElements.define("vraagbaak-chat", VraagbaakChat);

  // A plain script tag gets a floating chat without any further markup.
  if (currentScript && currentScript.dataset.placement !== "inline" && currentScript.dataset.auto !== "false") {
    const mount = () => {
      if (!document.querySelector('vraagbaak-chat[data-placement="floating"]')) {
        document.body.append(document.createElement("vraagbaak-chat"));
      }
    };
    if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
  }
})();
