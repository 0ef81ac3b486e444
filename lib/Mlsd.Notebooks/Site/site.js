// The course site's enhancements; every page reads fine without them.
// Code highlighting (highlight.js), math (KaTeX), heading anchors, the table of contents following the reader.
(function () {
  'use strict';
  if (window.hljs) {
    // Only blocks that name their language: code cells are C#, fenced markdown blocks say what they are.
    window.hljs.configure({ cssSelector: 'pre code[class*="language-"]' });
    window.hljs.highlightAll();
  }

  if (window.katex) {
    // Markdig writes $x$ as <span class="math">\(x\)</span>, $$x$$ in a paragraph as <span class="math display">\(x\)</span>
    // and a $$ block as <div class="math">\[x\]</div>.
    document.querySelectorAll('.math').forEach(function (element) {
      var display = element.tagName === 'DIV' || element.classList.contains('display');
      var tex = element.textContent.trim().replace(/^\\[([]/, '').replace(/\\[)\]]$/, '');
      window.katex.render(tex, element, { displayMode: display, throwOnError: false });
    });
  }

  // A copy button on each code cell (where the page may use the clipboard: https, or a file opened locally).
  if (navigator.clipboard && window.isSecureContext) {
    document.querySelectorAll('.cell.code > pre.source').forEach(function (pre) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy';
      button.textContent = 'Copy';
      button.setAttribute('aria-label', 'Copy the code of this cell');
      button.addEventListener('click', function () {
        navigator.clipboard.writeText(pre.textContent).then(function () {
          button.textContent = 'Copied';
          window.setTimeout(function () { button.textContent = 'Copy'; }, 1500);
        }, function () { button.textContent = 'Select and copy'; });
      });
      pre.parentNode.insertBefore(button, pre);
    });
  }

  var headings = Array.prototype.slice.call(document.querySelectorAll('.markdown h2[id], .markdown h3[id]'));
  headings.forEach(function (heading) {
    var anchor = document.createElement('a');
    anchor.className = 'heading-anchor';
    anchor.href = '#' + heading.id;
    anchor.textContent = '#';
    anchor.setAttribute('aria-label', 'Link to this section');
    heading.insertBefore(anchor, heading.firstChild);
  });

  var links = {};
  document.querySelectorAll('.toc a[href^="#"]').forEach(function (link) { links[link.getAttribute('href').slice(1)] = link; });
  var active = null;
  var pending = false;
  function follow() {
    pending = false;
    var current = null;
    for (var i = 0; i < headings.length && headings[i].getBoundingClientRect().top < 120; i++) current = headings[i];
    var link = current ? links[current.id] : null;
    if (link === active) return;
    if (active) active.classList.remove('active');
    if (link) link.classList.add('active');
    active = link;
  }
  if (headings.length > 0 && Object.keys(links).length > 0) {
    window.addEventListener('scroll', function () {
      if (!pending) { pending = true; window.requestAnimationFrame(follow); }
    }, { passive: true });
    follow();
  }

  // On a narrow screen the notebook list sits above the page: start it folded.
  var nav = document.querySelector('.course-nav');
  if (nav && window.matchMedia && window.matchMedia('(max-width: 62rem)').matches) nav.open = false;
})();
