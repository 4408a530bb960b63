"""The page's styles and its one script, both fixed text that never carries report content.

The script copies the data-copy attribute of any .pq-copy button (cards.copy_button) to the clipboard,
and scrolls an opened document to its marked passage; the page installs it once, in the sidebar.

chrome_css puts the page's language into the few places where Streamlit writes English of its own and
offers no option to change it (the file uploader's button and drop hint, the empty dropdown): the English
is hidden (visibility, so it is neither seen nor read out) and the page's words are drawn in its place.
Where an option exists the page uses it instead (select_all=False, client.toolbarMode).
"""
import json

from .labels import Labels
PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"]{padding-top:4rem;max-width:1100px}
[data-testid="stAppDeployButton"]{display:none}
[data-testid="InputInstructions"]{display:none}
[data-testid="stStatusWidget"] button{display:none}
[class*="st-key-hist-"] button{justify-content:flex-start;text-align:left}
[class*="st-key-hist-"] button p{text-align:left}
@media (max-width:640px){[data-testid="stMainBlockContainer"]{padding-top:3rem}.pq-answer{font-size:2rem}}
.pq-card{border:1px solid #d0d7de;border-left:6px solid #c0392b;border-radius:8px;padding:14px 18px;
  margin:4px 0 10px;background:#fffdfa}
.pq-card.pq-none{border-left-color:#8c959f;background:#f6f8fa}
.pq-kicker{font-size:.85rem;color:#6e7781;letter-spacing:.1em}
.pq-answer{font-size:2.6rem;font-weight:700;line-height:1.2;color:#c0392b;margin:2px 0 8px}
.pq-answer.pq-missing{font-size:1.6rem;color:#57606a}
.pq-quote{margin:0 0 6px;padding:0;border:none;font-size:1.05rem;line-height:1.75}
.pq-note{color:#57606a;margin:4px 0}
.pq-source{color:#57606a;font-size:.9rem;margin:4px 0 8px}
.pq-file{color:#8c959f;font-size:.8rem}
mark.pq-hit{background:#ffe08a;font-weight:700;padding:0 2px;border-radius:3px}
mark.pq-term{background:#fff3c4;padding:0 1px}
mark.pq-passage{background:#fff3c4;outline:2px solid #f0c040}
.pq-passage .pq-meta{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.pq-rank{font-weight:700;color:#fff;background:#57606a;border-radius:10px;padding:0 8px;font-size:.8rem}
.pq-title{font-weight:600;flex:1 1 auto}
.pq-rel{color:#8c959f;font-size:.8rem;white-space:nowrap;display:inline-flex;align-items:center;gap:6px}
.pq-rel-track{display:inline-block;width:64px;height:6px;border-radius:3px;background:#eaeef2;overflow:hidden}
.pq-rel-bar{display:block;height:100%;background:#c0392b;border-radius:3px}
.pq-ref{color:#57606a;font-size:.85rem;margin:2px 0 4px}
.pq-basket .pq-rank{float:left;margin:3px 8px 0 0}
.pq-basket .pq-cite-head{font-size:.9rem;color:#57606a}
.pq-basket .pq-cite-head b{color:#c0392b}
.pq-basket .pq-quote{font-size:1rem;margin:4px 0}
.pq-heading{color:#6e7781;font-size:.85rem;margin:2px 0}
.pq-text{line-height:1.75;white-space:pre-wrap;margin:6px 0}
.pq-foot{display:flex;justify-content:space-between;align-items:center;gap:8px}
.pq-similar{border-top:1px dashed #d0d7de;padding:6px 0}
.pq-copy{border:1px solid #c0392b;color:#c0392b;background:#fff;border-radius:6px;padding:3px 12px;
  cursor:pointer;font-size:.9rem}
.pq-copy.pq-done{background:#1a7f37;border-color:#1a7f37;color:#fff}
.pq-doc-meta{font-size:.85rem;margin-bottom:8px}
.pq-cite{border-top:1px solid #eaeef2;padding:8px 0 4px}
.pq-cite-head{font-size:.9rem;color:#57606a}
.pq-cite-head b{color:#c0392b;font-size:1.05rem}
.pq-cite .pq-quote{font-size:1rem;margin:2px 0}
.pq-doc-meta th{text-align:left;color:#6e7781;padding-right:12px;font-weight:400;white-space:nowrap}
.pq-doc-body{max-height:480px;overflow-y:auto;white-space:pre-wrap;line-height:1.75;border:1px solid #d0d7de;
  border-radius:6px;padding:10px 14px;background:#fff}
</style>"""

COPY_SCRIPT = """<script>
if (!window.__pqInstalled) {
  window.__pqInstalled = true;
  const fallback = (text) => {  // plain http on a LAN address has no navigator.clipboard
    const area = document.createElement("textarea");
    area.value = text; area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } finally { area.remove(); }
  };
  document.addEventListener("click", async (event) => {
    const button = event.target.closest && event.target.closest("button.pq-copy");
    if (!button) return;
    const text = button.dataset.copy || "";
    try { await navigator.clipboard.writeText(text); } catch (e) { fallback(text); }
    const label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    button.textContent = button.dataset.done || "✓";
    button.classList.add("pq-done");
    setTimeout(() => { button.textContent = label; button.classList.remove("pq-done"); }, 2500);
  });
  const scroll = () => document.querySelectorAll(".pq-doc-body:not([data-scrolled])").forEach((body) => {
    const mark = body.querySelector("mark.pq-passage");
    if (!mark || !body.clientHeight) return;
    body.scrollTop = Math.max(0, mark.offsetTop - body.offsetTop - body.clientHeight / 4);
    body.dataset.scrolled = "1";
  });
  new MutationObserver(scroll).observe(document.body, {childList: true, subtree: true});
}
</script>"""


def _css_text(text: str) -> str:
    """A label as a CSS string literal (labels are fixed text, but quotes must not end the rule)."""
    return json.dumps(text, ensure_ascii=False)


def chrome_css(lab: Labels) -> str:
    """Streamlit's own English words replaced by the page's: the uploader's "Upload" button, its
    "200MB per file • TXT, PDF" line (the widget's label already names the types and the limit), the
    "Drag and drop files here" shown while dragging, and the "No results" of a filter with no match."""
    return f"""<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p{{font-size:0;visibility:hidden}}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after{{
  content:{_css_text(lab["uploader_button"])};font-size:.875rem;visibility:visible}}
[data-testid="stFileUploaderDropzoneInstructions"]{{display:none}}
[data-testid="stFileUploaderDropzone"] > div:not([data-testid]):not(:has([data-testid])) > span{{font-size:0;visibility:hidden}}
[data-testid="stFileUploaderDropzone"] > div:not([data-testid]):not(:has([data-testid])) > span::after{{
  content:{_css_text(lab["uploader_drop"])};font-size:1rem;visibility:visible}}
[role="listbox"][data-empty="true"] [role="option"] > span{{font-size:0;visibility:hidden}}
[role="listbox"][data-empty="true"] [role="option"] > span::after{{
  content:{_css_text(lab["no_options"])};font-size:.875rem;visibility:visible}}
</style>"""
