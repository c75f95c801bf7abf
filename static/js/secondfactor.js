// A security key or passkey that did not answer (cancelled, timed out, not this key):
// allauth's webauthn.js reports it as an `allauth.error` event; say so on the page, in the
// page's own words (data-message), instead of only in the console.
document.addEventListener("allauth.error", (event) => {
  const box = document.getElementById("webauthn-error");
  if (!box) {
    return;
  }
  event.preventDefault();
  box.textContent = box.dataset.message;
  box.hidden = false;
});
