/* The portal's forms, in the browser (no library; the server checks everything again).
 *
 * 1. A refused form's error summary (templates/_error_summary.html) takes the focus when the
 *    page loads, and each of its links puts the focus in the field it names.
 * 2. A file kept by an unfinished registration shows a "Ganti" button that opens the chooser.
 * 3. A file over the upload limit (data-max-bytes, set by portal.forms.PrivateFileInput) is
 *    caught before it is sent: a JPEG or PNG photo (a KTP taken by a phone, often 5-12 MB) is
 *    made smaller here - at most 2000 px on its longest side, JPEG quality 0.85 - and anything
 *    still too large is refused with a message, so a slow connection never carries it in vain.
 */
(function () {
  "use strict";

  var MAX_SIDE = 2000;
  var QUALITY = 0.85;

  function megabytes(bytes) {
    return (bytes / (1024 * 1024)).toLocaleString("id-ID", { maximumFractionDigits: 1 });
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_all, key) {
      return key in values ? values[key] : "";
    });
  }

  function focusSummary() {
    var summary = document.querySelector("[data-focus-on-load]");
    if (!summary) return;
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        event.preventDefault();
        target.scrollIntoView({ block: "center" });
        target.focus();
      }
    });
  }

  function replaceButtons() {
    document.querySelectorAll("[data-replace-file]").forEach(function (button) {
      var input = document.getElementById(button.getAttribute("data-replace-file"));
      if (!input) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        input.click();
      });
    });
  }

  function note(input) {
    var id = input.id + "-size-note";
    var element = document.getElementById(id);
    if (!element) {
      element = document.createElement("div");
      element.id = id;
      element.className = "form-text";
      element.setAttribute("aria-live", "polite");
      input.insertAdjacentElement("afterend", element);
      var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      described.push(id);
      input.setAttribute("aria-describedby", described.join(" "));
    }
    return element;
  }

  function say(input, text, isError) {
    var element = note(input);
    element.textContent = text;
    element.className = isError ? "invalid-feedback d-block" : "form-text";
    element.setAttribute("role", isError ? "alert" : "status");
    input.classList.toggle("is-invalid", Boolean(isError));
    if (isError) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }

  function toBlob(canvas, quality) {
    return new Promise(function (resolve) {
      canvas.toBlob(resolve, "image/jpeg", quality);
    });
  }

  function loadImage(file) {
    if (window.createImageBitmap) {
      return createImageBitmap(file, { imageOrientation: "from-image" });
    }
    return Promise.reject(new Error("no createImageBitmap"));
  }

  async function reduce(file, maxBytes) {
    var image = await loadImage(file);
    var side = MAX_SIDE;
    var quality = QUALITY;
    for (var attempt = 0; attempt < 5; attempt += 1) {
      var scale = Math.min(1, side / Math.max(image.width, image.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(image.width * scale));
      canvas.height = Math.max(1, Math.round(image.height * scale));
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff"; // a transparent PNG becomes white, not black
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      var blob = await toBlob(canvas, quality);
      if (blob && blob.size <= maxBytes) {
        var name = file.name.replace(/\.(png|jpe?g)$/i, "") + ".jpg";
        return new File([blob], name, { type: "image/jpeg", lastModified: Date.now() });
      }
      side = Math.round(side * 0.75);
      quality = Math.max(0.6, quality - 0.1);
    }
    return null;
  }

  function setBusy(form, busy) {
    if (!form) return;
    form.querySelectorAll("button[type=submit]").forEach(function (button) {
      button.disabled = busy;
    });
  }

  async function checkSize(input) {
    var maxBytes = Number(input.getAttribute("data-max-bytes"));
    var file = input.files && input.files[0];
    if (!file || !maxBytes) return;
    if (file.size <= maxBytes) {
      if (document.getElementById(input.id + "-size-note")) say(input, "", false);
      return;
    }
    var tooLarge = fill(input.getAttribute("data-msg-too-large") || "", {
      size: megabytes(file.size),
      max: megabytes(maxBytes),
    });
    var reduced = null;
    if (/^image\/(jpeg|png)$/.test(file.type) && window.DataTransfer) {
      setBusy(input.form, true);
      try {
        reduced = await reduce(file, maxBytes);
      } catch (error) {
        reduced = null;
      }
      setBusy(input.form, false);
    }
    if (reduced) {
      var transfer = new DataTransfer();
      transfer.items.add(reduced);
      input.files = transfer.files;
      say(input, fill(input.getAttribute("data-msg-reduced") || "", { size: megabytes(reduced.size) }), false);
      input.setAttribute("data-reduced-bytes", String(reduced.size));
    } else {
      input.value = ""; // not sent: it would be refused after the whole upload
      say(input, tooLarge, true);
    }
  }

  function watchFiles() {
    document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
      input.addEventListener("change", function () {
        checkSize(input);
      });
    });
  }

  function start() {
    focusSummary();
    replaceButtons();
    watchFiles();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
