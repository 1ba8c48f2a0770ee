// ArmsTrace explorer: the few things that need a script (everything else works without one).
// Copy buttons: shown only when the browser can copy; they copy the text of the element they name.
document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) return;
  document.querySelectorAll("button.copy[data-copy]").forEach((button) => {
    button.hidden = false;
    const label = button.textContent;
    button.addEventListener("click", async () => {
      const source = document.getElementById(button.dataset.copy);
      try {
        await navigator.clipboard.writeText(source.textContent.trim());
        button.textContent = "Copied";
      } catch (e) {
        button.textContent = "Select the text to copy it";
      }
      setTimeout(() => { button.textContent = label; }, 2000);
    });
  });
});
