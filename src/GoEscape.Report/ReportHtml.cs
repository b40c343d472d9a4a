using System.Net;
using System.Text;
using System.Text.Json;

namespace GoEscape.Report;

/// <summary>
/// The report as one self-contained static HTML page (-format html; docs/report-format.md): no network, no CDN, the
/// style and a small script inline. Packages are listed by heap allocations (most first); each source file under
/// SRCROOT that has a decision, or that a flow step passes through, is shown with every site marked where gc puts its
/// position (heap, moved to heap, stack, leaking and non-leaking parameters, each function's inlinability). A click on
/// a site opens its panel: the decision, the path that forces it in words (explain's sentences), each step linked to
/// its line, and the fix hint of its reason (<see cref="ReportRules"/>). Files outside SRCROOT (GOROOT, absolute) are
/// named, not shown. Deterministic: the page depends only on the model and the sources.
/// </summary>
public static class ReportHtml
{
    /// <param name="source">The text of a file of the model (its report path and root), or null when it cannot be read.</param>
    /// <param name="profile">-profile: a table of the heap sites by allocated bytes, before the packages.</param>
    public static string Render(ReportModel m, Func<string, string?, string?> source, Profile.ProfileRanking? profile = null)
    {
        // the files shown: under SRCROOT, referenced by a site or a step, in first-reference order (packages by import
        // path, functions and items by position)
        var files = new List<string>();
        var fileIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var texts = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Reference(ReportPos? p)
        {
            if (p == null || p.Root != "SRCROOT" || fileIds.ContainsKey(p.File)) return;
            if (source(p.File, p.Root) is not { } text) return;
            fileIds[p.File] = files.Count;
            files.Add(p.File);
            texts[p.File] = text.Replace("\r\n", "\n").Split('\n');
        }
        foreach (var p in m.Packages)
            foreach (var f in p.Functions)
            {
                Reference(f.Inlining?.Pos ?? f.Pos);
                foreach (var it in f.Items)
                {
                    Reference(it.Pos);
                    foreach (var s in it.Flow)
                    {
                        Reference(s.Pos);
                        foreach (var n in s.Notes) Reference(n.Pos);
                    }
                }
            }

        string? Anchor(ReportPos? p) => p != null && p.Root == "SRCROOT" && fileIds.TryGetValue(p.File, out int id) ? $"f{id}-L{p.Line}" : null;
        static string Where(ReportPos? p) => p == null ? "" : $"{(p.Root == "GOROOT" ? "$GOROOT/src/" : "")}{p.File}:{p.Line}:{p.Column}";

        // the sites: one per item and per inlinability decision, numbered in model order
        var sites = new List<Site>();
        var sitesOfFile = new Dictionary<string, List<Site>>(StringComparer.Ordinal);
        var pkgStats = new List<(ReportPackage Pkg, int Heap, int Moved, int Leaks, int Stack, List<string> Files)>();
        foreach (var p in m.Packages)
        {
            int heap = 0, moved = 0, leaks = 0, stack = 0;
            var pfiles = new List<string>();
            void Add(Site s)
            {
                sites.Add(s);
                if (s.Pos.Root != "SRCROOT" || !fileIds.ContainsKey(s.Pos.File)) return;
                if (!sitesOfFile.TryGetValue(s.Pos.File, out var l)) sitesOfFile[s.Pos.File] = l = [];
                l.Add(s);
                if (!pfiles.Contains(s.Pos.File)) pfiles.Add(s.Pos.File);
            }
            foreach (var f in p.Functions)
            {
                if (f.Inlining is { } inl)
                    Add(new Site(sites.Count, inl.Pos, "inl", f.Name, p.ImportPath,
                        inl.CanInline ? $"can inline {f.Name}" + (inl.Cost is { } c ? $" with cost {c}" : "") : $"cannot inline {f.Name}: {inl.Reason}",
                        null));
                foreach (var it in f.Items)
                {
                    switch (it.Decision)
                    {
                        case "heap": heap++; break;
                        case "moved-to-heap": moved++; break;
                        case "leak": leaks++; break;
                        case "stack": stack++; break;
                    }
                    string cls = it.Decision switch
                    {
                        "heap" or "moved-to-heap" => "heap",
                        "leak" => "leak",
                        "stack" => "stack",
                        _ => "noleak",
                    };
                    Add(new Site(sites.Count, it.Pos, cls, f.Name, p.ImportPath, it.Message, it));
                }
            }
            pkgStats.Add((p, heap, moved, leaks, stack, pfiles));
        }
        var order = pkgStats.Select((s, i) => (s, i))
            .OrderByDescending(x => x.s.Heap + x.s.Moved).ThenBy(x => x.s.Pkg.ImportPath, StringComparer.Ordinal).ToList();

        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta name=\"generator\" content=\"").Append(Enc($"{ReportModel.ToolName} {ReportModel.ToolVersion}")).Append("\">\n");
        h.Append("<title>GoEscape report</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        h.Append("<header>\n<h1>GoEscape escape report</h1>\n<p class=\"meta\">");
        var fl = m.Flags;
        h.Append(Enc($"{ReportModel.ToolName} {ReportModel.ToolVersion}, modelling gc {ReportModel.GoVersion}; inlining {fl.Inlining}, -m={fl.M}, {fl.Goos}/{fl.Goarch}" +
                     (fl.SmallFrames ? ", -smallframes" : "") + (fl.Test ? ", -test" : "") + (fl.Tags.Count > 0 ? ", -tags " + string.Join(",", fl.Tags) : "") +
                     "; patterns: " + string.Join(" ", fl.Patterns)));
        h.Append("</p>\n<p class=\"totals\" id=\"totals\">");
        int th = pkgStats.Sum(s => s.Heap), tm = pkgStats.Sum(s => s.Moved), tl = pkgStats.Sum(s => s.Leaks), ts = pkgStats.Sum(s => s.Stack);
        h.Append(Enc($"{Count(th, "heap allocation")}, {tm} moved to heap, {Count(tl, "leaking parameter")}, {ts} on the stack, in {Count(m.Packages.Count, "package")}"));
        h.Append("</p>\n<p class=\"legend\"><span class=\"site heap\">heap</span> <span class=\"site stack\">stack</span> <span class=\"site leak\">leaking param</span> ");
        h.Append("<span class=\"site noleak\">param does not escape</span> <span class=\"site inl\">inlinability</span> &mdash; click a mark for its path and fix hint</p>\n</header>\n");

        h.Append("<div id=\"layout\">\n<main>\n");
        if (profile != null) ProfileTable(h, profile, sites);
        h.Append("<nav id=\"packages\">\n<h2>Packages by heap allocations</h2>\n<table>\n<thead><tr><th>package</th><th>heap</th><th>moved to heap</th><th>leaking params</th><th>stack</th></tr></thead>\n<tbody>\n");
        foreach (var (s, i) in order)
            h.Append($"<tr class=\"pkg-row\" data-heap=\"{s.Heap + s.Moved}\"><td><a href=\"#pkg{i}\">{Enc(s.Pkg.ImportPath)}</a></td><td>{s.Heap}</td><td>{s.Moved}</td><td>{s.Leaks}</td><td>{s.Stack}</td></tr>\n");
        h.Append("</tbody>\n</table>\n</nav>\n");

        var rendered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (s, i) in order)
        {
            h.Append($"<section class=\"package\" id=\"pkg{i}\">\n<h2>{Enc(s.Pkg.ImportPath)}</h2>\n");
            if (s.Files.Count == 0) h.Append("<p class=\"none\">No decisions in files under the source root.</p>\n");
            foreach (var file in s.Files)
            {
                int id = fileIds[file];
                if (!rendered.Add(file))
                {
                    h.Append($"<p class=\"seealso\">{Enc(file)}: <a href=\"#f{id}\">shown above</a></p>\n");
                    continue;
                }
                RenderFile(h, id, file, texts[file], sitesOfFile.GetValueOrDefault(file) ?? []);
            }
            h.Append("</section>\n");
        }
        // files only flow steps pass through
        var rest = files.Where(f => !rendered.Contains(f)).ToList();
        if (rest.Count > 0)
        {
            h.Append("<section class=\"package\" id=\"flowfiles\">\n<h2>Other files on the paths</h2>\n");
            foreach (var f in rest) RenderFile(h, fileIds[f], f, texts[f], sitesOfFile.GetValueOrDefault(f) ?? []);
            h.Append("</section>\n");
        }
        h.Append("</main>\n<aside id=\"panel\" aria-live=\"polite\"><p class=\"hint\">Click a marked site to see its decision, the path that forces it, and a fix hint.</p></aside>\n</div>\n");

        // the sites' details, read by the script (JSON in a script element: < escaped by the encoder)
        h.Append("<script type=\"application/json\" id=\"sites\">");
        h.Append(SitesJson(sites, Anchor, Where));
        h.Append("</script>\n<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void ProfileTable(StringBuilder h, Profile.ProfileRanking r, List<Site> sites)
    {
        string Link(Profile.ProfileSite s)
        {
            var first = s.Items[0];
            var site = sites.FirstOrDefault(x => ReferenceEquals(x.Item, first));
            string text = Enc(Profile.ProfileMatcher.Where(s.Pos));
            return site != null ? $"<a href=\"#site{site.Id}\">{text}</a>" : text;
        }
        void Rows(string id, string title, IReadOnlyList<Profile.ProfileSite> list, bool values)
        {
            if (list.Count == 0) return;
            h.Append($"<h2>{Enc(title)}</h2>\n<table id=\"{id}\">\n<thead><tr>");
            if (values) h.Append("<th>alloc_space</th><th>alloc_objects</th><th>inuse_space</th><th>inuse_objects</th>");
            h.Append("<th>site</th><th>function</th><th>decision</th></tr></thead>\n<tbody>\n");
            foreach (var s in list)
            {
                h.Append("<tr class=\"prof-row\">");
                if (values) h.Append($"<td data-bytes=\"{s.Values[1]}\">{Profile.ProfileMatcher.Bytes(s.Values[1])}</td><td>{s.Values[0]}</td><td>{Profile.ProfileMatcher.Bytes(s.Values[3])}</td><td>{s.Values[2]}</td>");
                h.Append($"<td>{Link(s)}</td><td>{Enc(s.Package + "." + s.Function)}</td><td>{Enc(string.Join("; ", s.Items.Select(i => i.Message)))}</td></tr>\n");
            }
            h.Append("</tbody>\n</table>\n");
        }
        h.Append($"<nav id=\"profile\">\n<p class=\"meta\">{Enc($"profile {r.File}, ranked by {Profile.ProfileRanking.Columns[r.Index]}")}</p>\n");
        foreach (var n in r.Notes) h.Append($"<p class=\"meta\">note: {Enc(n)}</p>\n");
        Rows("profile-heap", "Heap escapes by allocated bytes", r.Heap, true);
        Rows("profile-stack", "Allocating in the profile, but the report says stack", r.StackAllocating, true);
        Rows("profile-notseen", "Heap sites not seen in profile", r.NotSeen, false);
        h.Append("</nav>\n");
    }

    private sealed record Site(int Id, ReportPos Pos, string Class, string Function, string Package, string Message, ReportItem? Item);

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";

    private static string Enc(string s) => WebUtility.HtmlEncode(s);

    private static void RenderFile(StringBuilder h, int id, string file, string[] lines, List<Site> sites)
    {
        var byLine = sites.GroupBy(s => s.Pos.Line).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Pos.Column).ThenBy(s => s.Id).ToList());
        h.Append($"<div class=\"file\" id=\"f{id}\">\n<h3>{Enc(file)}</h3>\n<table class=\"src\">\n");
        // a trailing newline does not make a line of its own
        int n = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        for (int ln = 1; ln <= n; ln++)
        {
            string line = lines[ln - 1];
            h.Append($"<tr id=\"f{id}-L{ln}\"><td class=\"ln\">{ln}</td><td class=\"code\">");
            if (!byLine.TryGetValue(ln, out var here)) h.Append(Enc(line));
            else
            {
                // gc's columns are 1-based bytes of the UTF-8 line: put each mark before the character at its column
                int ci = 0;
                foreach (var s in here)
                {
                    int start = ci;
                    ci = Math.Max(ci, GoText.CharIndexOfByteColumn(line, s.Pos.Column));
                    h.Append(Enc(line[start..ci]));
                    string label = s.Class switch { "heap" => "heap", "stack" => "stack", "leak" => "leak", "noleak" => "param", _ => "inl" };
                    h.Append($"<button type=\"button\" class=\"site {s.Class}\" id=\"site{s.Id}\" data-site=\"{s.Id}\" title=\"{Enc(s.Message)}\">{label}</button>");
                }
                h.Append(Enc(line[ci..]));
            }
            h.Append("</td></tr>\n");
        }
        h.Append("</table>\n</div>\n");
    }

    private static string SitesJson(List<Site> sites, Func<ReportPos?, string?> anchor, Func<ReportPos?, string> where)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = false })) // default encoder: <, >, & escaped
        {
            w.WriteStartArray();
            foreach (var s in sites)
            {
                w.WriteStartObject();
                w.WriteString("message", s.Message);
                w.WriteString("function", s.Function);
                w.WriteString("package", s.Package);
                w.WriteString("where", where(s.Pos));
                w.WriteString("kind", s.Class);
                if (s.Item is { } it)
                {
                    w.WriteString("decision", it.Decision switch
                    {
                        "heap" => "escapes to the heap",
                        "moved-to-heap" => "moved to the heap",
                        "stack" => "stays on the stack",
                        "leak" => it.Leak is { To: "result" } ? "leaks to a result" : "leaks to the heap",
                        _ => "does not escape",
                    });
                    var rule = ReportRules.Get(it.Reason);
                    w.WriteString("reason", rule.Name);
                    w.WriteString("short", rule.Short);
                    if (it.IsFinding || it.Reason is "nonconst-make" or "append") w.WriteString("hint", rule.Help);
                    if (it.Via != null) w.WriteString("via", it.Via);
                    w.WriteStartArray("flow");
                    foreach (var st in it.Flow)
                    {
                        w.WriteStartObject();
                        w.WriteString("text", st.Text);
                        w.WriteString("where", where(st.Pos));
                        if (anchor(st.Pos) is { } a) w.WriteString("anchor", a);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private const string Css = """
        :root { --heap: #c62828; --stack: #2e7d32; --leak: #ef6c00; --noleak: #607d8b; --inl: #1565c0; }
        body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #222; }
        header { padding: 12px 20px; border-bottom: 1px solid #ddd; background: #fafafa; }
        header h1 { font-size: 20px; margin: 0 0 4px; }
        .meta, .legend { color: #555; margin: 2px 0; }
        .totals { font-weight: 600; margin: 4px 0; }
        #layout { display: flex; align-items: flex-start; }
        main { flex: 1; min-width: 0; padding: 0 20px 40px; }
        #panel { position: sticky; top: 0; width: 34%; max-height: 100vh; overflow: auto; box-sizing: border-box;
                 padding: 12px 16px; border-left: 1px solid #ddd; background: #fcfcfc; }
        #panel h2 { font-size: 16px; margin: 0 0 6px; }
        #panel ol { padding-left: 20px; }
        #panel .where { color: #666; font-family: ui-monospace, monospace; font-size: 12px; }
        #panel .fix { background: #fff8e1; border-left: 3px solid #f9a825; padding: 6px 8px; }
        nav table, table.src { border-collapse: collapse; }
        nav td, nav th { padding: 2px 10px; text-align: left; border-bottom: 1px solid #eee; }
        nav td + td, nav th + th { text-align: right; }
        section.package h2 { font-size: 17px; margin: 24px 0 6px; border-bottom: 2px solid #ccc; }
        .file h3 { font: 600 13px ui-monospace, monospace; margin: 14px 0 4px; }
        table.src { font: 12.5px/1.4 ui-monospace, monospace; tab-size: 4; width: 100%; }
        table.src td.ln { color: #999; text-align: right; padding: 0 8px; user-select: none; vertical-align: top; }
        table.src td.code { white-space: pre; }
        tr:target td { background: #fff59d; }
        .site { font: 600 10px system-ui, sans-serif; border: 0; border-radius: 3px; padding: 0 4px; margin: 0 2px;
                color: #fff; cursor: pointer; vertical-align: 1px; }
        .site.heap { background: var(--heap); } .site.stack { background: var(--stack); }
        .site.leak { background: var(--leak); } .site.noleak { background: var(--noleak); } .site.inl { background: var(--inl); }
        .site.selected { outline: 2px solid #000; }
        """;

    // Renders a site's panel with textContent only (no HTML from the data), links steps to their lines.
    private const string Script = """
        (function () {
          var sites = JSON.parse(document.getElementById('sites').textContent);
          var panel = document.getElementById('panel');
          var selected = null;
          function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
          function where(w, anchor) {
            if (anchor) { var a = el('a', 'where', w); a.href = '#' + anchor; return a; }
            return el('span', 'where', w);
          }
          function show(id) {
            var s = sites[id]; if (!s) return;
            if (selected) selected.classList.remove('selected');
            selected = document.getElementById('site' + id); if (selected) selected.classList.add('selected');
            panel.textContent = '';
            panel.appendChild(el('h2', null, s.message));
            var p = el('p'); p.appendChild(where(s.where, null)); p.appendChild(document.createTextNode(' in ' + s.package + '.' + s.function)); panel.appendChild(p);
            if (s.decision) panel.appendChild(el('p', 'decision', 'Decision: ' + s.decision + (s.reason ? ' (' + s.reason + ': ' + s.short + ')' : '')));
            if (s.flow && s.flow.length) {
              panel.appendChild(el('h3', null, 'Why'));
              var ol = el('ol', 'flow');
              s.flow.forEach(function (st) { var li = el('li', null, st.text + ' '); if (st.where) li.appendChild(where(st.where, st.anchor)); ol.appendChild(li); });
              panel.appendChild(ol);
            } else if (s.decision) {
              panel.appendChild(el('p', 'noflow', 'No flow: gc decides this without a path (see the reason).'));
            }
            if (s.via) panel.appendChild(el('p', null, 'Through ' + s.via + ', which escapes itself: its own mark explains it.'));
            if (s.hint) { panel.appendChild(el('h3', null, 'Fix hint')); panel.appendChild(el('p', 'fix', s.hint)); }
            if (history.replaceState) history.replaceState(null, '', '#site' + id);
          }
          document.addEventListener('click', function (e) {
            var b = e.target.closest && e.target.closest('button.site');
            if (b) show(+b.getAttribute('data-site'));
          });
          var m = /^#site(\d+)$/.exec(location.hash); if (m) show(+m[1]);
        })();
        """;
}
