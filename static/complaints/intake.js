// Show the radio fields only for the radio channel; the form works without this script.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("intake-form");
  var radio = document.getElementById("radio-fields");
  if (!form || !radio) return;
  function update() {
    var chosen = form.querySelector("input[name=channel]:checked");
    radio.classList.toggle("is-hidden", !chosen || chosen.value !== "radio");
  }
  form.addEventListener("change", update);
  update();
});
