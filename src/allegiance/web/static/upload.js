// Upload or paste: send the form, then follow the job's progress until it is stored or fails.
(function () {
  "use strict";
  const form = document.getElementById("upload-form");
  const bar = document.getElementById("progress");
  const status = document.getElementById("upload-status");
  const error = document.getElementById("upload-error");
  const docs = document.getElementById("upload-documents");
  function fail(message) {
    error.textContent = message;
    status.textContent = "";
    bar.hidden = true;
    form.querySelector("button").disabled = false;
  }
  function follow(id) {
    fetch("/jobs/" + encodeURIComponent(id) + ".json").then(function (r) { return r.json(); }).then(function (job) {
      bar.max = Math.max(job.total, 1);
      bar.value = job.done;
      status.textContent = job.phase + (job.total ? " " + job.done + "/" + job.total : "");
      if (job.phase === "failed") { fail(job.error); return; }
      if (job.phase === "done") {
        form.querySelector("button").disabled = false;
        status.textContent = "done: " + job.new + " new documents, " + job.claims + " claims";
        job.documents.forEach(function (d) {
          const li = document.createElement("li");
          const a = document.createElement("a");
          a.href = "/documents/" + encodeURIComponent(d);
          a.textContent = d;
          li.appendChild(a);
          docs.appendChild(li);
        });
        return;
      }
      setTimeout(function () { follow(id); }, 300);
    });
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    error.textContent = "";
    docs.replaceChildren();
    bar.hidden = false;
    bar.value = 0;
    status.textContent = "sending…";
    form.querySelector("button").disabled = true;
    fetch("/upload", { method: "POST", body: new FormData(form), headers: { Accept: "application/json" } })
      .then(function (r) { return r.json().then(function (j) { return [r.ok, j]; }); })
      .then(function (res) {
        if (!res[0]) { fail(res[1].error); return; }
        follow(res[1].id);
      })
      .catch(function (e) { fail("upload failed: " + e); });
  });
})();
