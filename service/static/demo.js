// The demo page's embed snippets, with this server's own address, and a copy button.
(() => {
  const origin = location.origin;
  document.getElementById("snippet").textContent =
    `<script src="${origin}/widget.js" data-api="${origin}" defer></script>`;
  document.getElementById("snippet-inline").textContent =
    `<script src="${origin}/widget.js" data-api="${origin}" data-auto="false" defer></script>\n` +
    `<vraagbaak-chat data-placement="inline" data-api="${origin}"></vraagbaak-chat>`;
  document.getElementById("kopieer").addEventListener("click", async () => {
    const status = document.getElementById("gekopieerd");
    try {
      await navigator.clipboard.writeText(document.getElementById("snippet").textContent);
      status.textContent = "Gekopieerd.";
    } catch {
      status.textContent = "Kopiëren lukte niet; selecteer de code en kopieer met Ctrl+C.";
    }
  });
})();
