// The inline PDF reader: Mozilla's PDF.js, loaded only when the reader comes into view (or a
// link asks for a page), fetching the PDF by byte ranges so a 200 MB report shows its first
// page after a few hundred kilobytes. One page at a time, with a text layer for selecting text.
// A link with #page=7 (search results use it) opens the reader at that page and brings it into
// view. Without JavaScript the <noscript> <object> shows the browser's own viewer; if PDF.js
// cannot run here (an old browser) or cannot read the file, the same <object> takes its place.

const reader = document.getElementById("pdf-reader");
const PAGE_LINK = /^#page=(\d{1,6})$/;
const ZOOM_STEP = 1.25;

function wantedPage() {
  const match = PAGE_LINK.exec(window.location.hash);
  return match ? Math.max(1, Number(match[1])) : null;
}

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

// The browser's own viewer, as without JavaScript: used when PDF.js cannot do the job.
function showObject(pageNumber) {
  const src = reader.dataset.src + (pageNumber ? `#page=${pageNumber}` : "");
  const object = element("object", {
    class: "pdf__object",
    data: src,
    type: "application/pdf",
    "aria-label": reader.dataset.label,
  });
  const fallback = element("p", { class: "pdf__fallback" }, "This browser cannot show the PDF here. ");
  fallback.append(element("a", { href: reader.dataset.src, download: "" }, "Download the PDF"), ".");
  object.append(fallback);
  reader.classList.remove("pdf__reader--live");
  reader.replaceChildren(object);
}

function buildControls() {
  const toolbar = element("div", { class: "pdf__toolbar", role: "group", "aria-label": "PDF pages and zoom" });
  const previous = element("button", { type: "button", class: "pdf__button" }, "Previous page");
  const next = element("button", { type: "button", class: "pdf__button" }, "Next page");
  const label = element("label", { class: "pdf__page-label", for: "pdf-reader-page" }, "Page");
  const number = element("input", {
    id: "pdf-reader-page",
    class: "pdf__page-number",
    type: "number",
    inputmode: "numeric",
    min: "1",
    value: "1",
  });
  const count = element("span", { class: "pdf__page-count", "aria-live": "polite" }, "of …");
  const zoomOut = element("button", { type: "button", class: "pdf__button" }, "Zoom out");
  const zoomIn = element("button", { type: "button", class: "pdf__button" }, "Zoom in");
  const fit = element("button", { type: "button", class: "pdf__button", "aria-pressed": "true" }, "Fit width");
  const pageGroup = element("span", { class: "pdf__group" });
  pageGroup.append(previous, label, number, count, next);
  const zoomGroup = element("span", { class: "pdf__group" });
  zoomGroup.append(zoomOut, fit, zoomIn);
  toolbar.append(pageGroup, zoomGroup);
  const view = element("div", {
    class: "pdf__view",
    tabindex: "0",
    role: "region",
    "aria-label": reader.dataset.label,
  });
  const sheet = element("div", { class: "pdf__page" });
  const canvas = element("canvas", { class: "pdf__canvas", "aria-hidden": "true" });
  const text = element("div", { class: "textLayer" });
  const status = element("p", { class: "pdf__status", role: "status" }, "Loading the PDF…");
  // Tells screen-reader users where a button or the keyboard took them.
  const announce = element("p", { class: "visually-hidden", "aria-live": "polite" });
  sheet.append(canvas, text);
  view.append(sheet);
  reader.classList.add("pdf__reader--live");
  reader.replaceChildren(toolbar, status, announce, view);
  return { previous, next, number, count, zoomOut, zoomIn, fit, view, sheet, canvas, text, status, announce };
}

class Reader {
  constructor(pdfjs, pdf, ui) {
    Object.assign(this, { pdfjs, pdf, ui });
    this.pageNumber = 1;
    this.fitWidth = true;
    this.scale = 1;
    this.rendering = null;
    ui.number.max = String(pdf.numPages);
    ui.count.textContent = `of ${pdf.numPages}`;
    ui.previous.addEventListener("click", () => this.show(this.pageNumber - 1));
    ui.next.addEventListener("click", () => this.show(this.pageNumber + 1));
    ui.number.addEventListener("change", () => this.show(Number(ui.number.value) || 1));
    ui.zoomIn.addEventListener("click", () => this.zoom(this.scale * ZOOM_STEP));
    ui.zoomOut.addEventListener("click", () => this.zoom(this.scale / ZOOM_STEP));
    ui.fit.addEventListener("click", () => this.zoom(null));
    ui.view.addEventListener("keydown", (event) => this.key(event));
    // A narrower or wider window changes what "fit width" means.
    let width = ui.view.clientWidth;
    new ResizeObserver(() => {
      if (this.fitWidth && Math.abs(ui.view.clientWidth - width) > 8) {
        width = ui.view.clientWidth;
        this.show(this.pageNumber);
      }
    }).observe(ui.view);
  }

  key(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const { view } = this.ui;
    const atTop = view.scrollTop <= 0;
    const atBottom = view.scrollTop + view.clientHeight >= view.scrollHeight - 1;
    if (event.key === "ArrowRight" || (event.key === "PageDown" && atBottom)) {
      this.show(this.pageNumber + 1);
    } else if (event.key === "ArrowLeft" || (event.key === "PageUp" && atTop)) {
      this.show(this.pageNumber - 1, { fromEnd: event.key === "PageUp" });
    } else {
      return;
    }
    event.preventDefault();
  }

  zoom(scale) {
    this.fitWidth = scale === null;
    if (scale !== null) this.scale = Math.min(Math.max(scale, 0.25), 5);
    this.ui.fit.setAttribute("aria-pressed", String(this.fitWidth));
    this.show(this.pageNumber);
  }

  async show(wanted, { fromEnd = false } = {}) {
    const pageNumber = Math.min(Math.max(Math.trunc(wanted) || 1, 1), this.pdf.numPages);
    const { ui } = this;
    this.pageNumber = pageNumber;
    ui.number.value = String(pageNumber);
    ui.previous.disabled = pageNumber <= 1;
    ui.next.disabled = pageNumber >= this.pdf.numPages;
    this.rendering?.cancel();
    const task = (this.rendering = new PageRender(this, pageNumber));
    try {
      await task.run();
    } catch (error) {
      if (error?.name === "RenderingCancelledException" || task.cancelled) return;
      // A damaged page: say so, and leave the other pages and the download to the reader.
      console.warn(`PDF.js could not draw page ${pageNumber}.`, error);
      ui.status.hidden = false;
      ui.status.textContent = `Page ${pageNumber} could not be shown here: please download the PDF to read it.`;
      return;
    }
    ui.status.hidden = true;
    ui.view.scrollTop = fromEnd ? ui.view.scrollHeight : 0;
    reader.dataset.page = String(pageNumber);
    const where = `page ${pageNumber} of ${this.pdf.numPages}`;
    ui.view.setAttribute("aria-label", `${reader.dataset.label}, ${where}`);
    ui.announce.textContent = `Showing ${where}.`;
  }
}

// One page drawn on the canvas, its text laid over it; cancelled when the reader moves on.
class PageRender {
  constructor(owner, pageNumber) {
    Object.assign(this, { owner, pageNumber, cancelled: false, tasks: [] });
  }

  cancel() {
    this.cancelled = true;
    for (const task of this.tasks) task.cancel();
  }

  async run() {
    const { pdfjs, pdf, ui } = this.owner;
    const page = await pdf.getPage(this.pageNumber);
    if (this.cancelled) return;
    const natural = page.getViewport({ scale: 1 });
    const room = ui.view.clientWidth - 2 * 8; // the view's padding
    const scale = this.owner.fitWidth ? room / natural.width : this.owner.scale;
    this.owner.scale = scale;
    const viewport = page.getViewport({ scale });
    const ratio = window.devicePixelRatio || 1;
    // Drawn on a fresh canvas, swapped in when done: the old page stays until the new one is ready.
    const canvas = element("canvas", { class: "pdf__canvas", "aria-hidden": "true" });
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    const render = page.render({
      canvas,
      viewport,
      transform: ratio === 1 ? null : [ratio, 0, 0, ratio, 0, 0],
    });
    this.tasks.push(render);
    await render.promise;
    if (this.cancelled) return;
    const text = element("div", { class: "textLayer" });
    const layer = new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport });
    this.tasks.push(layer);
    ui.sheet.style.setProperty("--total-scale-factor", String(scale));
    ui.sheet.style.width = `${Math.floor(viewport.width)}px`;
    ui.sheet.style.height = `${Math.floor(viewport.height)}px`;
    ui.canvas.replaceWith(canvas);
    ui.canvas = canvas;
    await layer.render();
    if (this.cancelled) return;
    ui.text.replaceWith(text);
    ui.text = text;
  }
}

async function start() {
  const pageNumber = wantedPage();
  document.head.append(element("link", { rel: "stylesheet", href: reader.dataset.css }));
  const ui = buildControls();
  let pdfjs;
  let pdf;
  try {
    pdfjs = await import(reader.dataset.pdfjs);
    pdfjs.GlobalWorkerOptions.workerSrc = reader.dataset.worker;
    pdf = await pdfjs.getDocument({
      url: reader.dataset.src,
      // Only the bytes the page shown needs: no streaming of the whole file, no prefetching.
      disableStream: true,
      disableAutoFetch: true,
      rangeChunkSize: 128 * 1024,
      // Fetched only by a PDF that needs them: Adobe's CMaps (many Korean and Japanese PDFs),
      // the JPEG 2000 and JBIG2 decoders (scans), the CMYK colour profile, and the fonts of
      // PDFs that name Helvetica or Times without embedding them.
      cMapUrl: `${reader.dataset.assets}cmaps/`,
      standardFontDataUrl: `${reader.dataset.assets}standard_fonts/`,
      useSystemFonts: false, // the same letters on every system, with the metrics the PDF expects
      wasmUrl: `${reader.dataset.assets}wasm/`,
      iccUrl: `${reader.dataset.assets}iccs/`,
      verbosity: pdfjs.VerbosityLevel.ERRORS,
    }).promise;
  } catch (error) {
    // An old browser, a file PDF.js cannot read, a bucket without CORS: the browser's viewer.
    console.warn("PDF.js could not open the PDF; using the browser's viewer.", error);
    showObject(pageNumber);
    window.addEventListener("hashchange", () => {
      const page = wantedPage();
      if (page) {
        showObject(page); // a new <object>: browsers reliably load its new address
        reader.scrollIntoView({ block: "start" });
      }
    });
    return;
  }
  const view = new Reader(pdfjs, pdf, ui);
  await view.show(pageNumber || 1);
  reader.dataset.ready = "true";
  window.addEventListener("hashchange", () => {
    const page = wantedPage();
    if (page) {
      view.show(page);
      reader.scrollIntoView({ block: "start" });
    }
  });
}

// After the page has loaded and the browser is idle: the reader must not slow the page itself.
function whenIdle(begin) {
  const go = () => ("requestIdleCallback" in window ? requestIdleCallback(begin, { timeout: 2000 }) : setTimeout(begin, 0));
  if (document.readyState === "complete") go();
  else window.addEventListener("load", go, { once: true });
}

function whenWanted(begin) {
  if (wantedPage()) {
    reader.scrollIntoView({ block: "start" });
    begin();
    return;
  }
  // Nothing is fetched until the reader nears the screen or a link asks for a page.
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        whenIdle(begin);
      }
    },
    { rootMargin: "200px" },
  );
  const onHash = () => {
    if (wantedPage() && !started) {
      observer.disconnect();
      window.removeEventListener("hashchange", onHash);
      reader.scrollIntoView({ block: "start" });
      begin();
    }
  };
  observer.observe(reader);
  window.addEventListener("hashchange", onHash);
}

let started = false;
function startOnce() {
  if (started) return;
  started = true;
  start();
}

if (reader) whenWanted(startOnce);
