using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GoEscape.Report;

/// <summary>
/// The report as GoEscape's JSON (schema version 1, docs/report-format.md): indented, "\n" line ends, fields in a fixed
/// order, optional fields omitted when absent, packages by import path, functions and items by position.
/// </summary>
public static class ReportJson
{
    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <param name="profile">-profile: the heap decisions ranked by a heap profile (the "profile" member, docs/profile.md).</param>
    public static string Render(ReportModel m, Profile.ProfileRanking? profile = null)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", ReportModel.SchemaVersion);
            w.WriteStartObject("tool");
            w.WriteString("name", ReportModel.ToolName);
            w.WriteString("version", ReportModel.ToolVersion);
            w.WriteString("informationUri", ReportModel.InformationUri);
            w.WriteEndObject();
            w.WriteString("goVersion", ReportModel.GoVersion);
            WriteFlags(w, m.Flags);
            w.WriteStartObject("roots");
            foreach (var (k, v) in m.Roots) w.WriteString(k, v);
            w.WriteEndObject();
            WriteSummary(w, m);
            w.WriteStartArray("packages");
            foreach (var p in m.Packages) WritePackage(w, p);
            w.WriteEndArray();
            if (profile != null) WriteProfile(w, profile);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    internal static void WriteFlags(Utf8JsonWriter w, ReportFlags f)
    {
        w.WriteStartObject("flags");
        w.WriteString("inlining", f.Inlining);
        w.WriteNumber("m", f.M);
        w.WriteBoolean("smallframes", f.SmallFrames);
        w.WriteBoolean("test", f.Test);
        w.WriteStartArray("tags");
        foreach (var t in f.Tags) w.WriteStringValue(t);
        w.WriteEndArray();
        w.WriteString("goos", f.Goos);
        w.WriteString("goarch", f.Goarch);
        w.WriteStartArray("patterns");
        foreach (var t in f.Patterns) w.WriteStringValue(t);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter w, ReportModel m)
    {
        int funcs = 0, heap = 0, moved = 0, stack = 0, leak = 0, noLeak = 0;
        foreach (var p in m.Packages)
            foreach (var f in p.Functions)
            {
                funcs++;
                foreach (var i in f.Items)
                    switch (i.Decision)
                    {
                        case "heap": heap++; break;
                        case "moved-to-heap": moved++; break;
                        case "stack": stack++; break;
                        case "leak": leak++; break;
                        default: noLeak++; break;
                    }
            }
        w.WriteStartObject("summary");
        w.WriteNumber("packages", m.Packages.Count);
        w.WriteNumber("functions", funcs);
        w.WriteNumber("heap", heap);
        w.WriteNumber("movedToHeap", moved);
        w.WriteNumber("stack", stack);
        w.WriteNumber("leaks", leak);
        w.WriteNumber("noLeaks", noLeak);
        w.WriteEndObject();
    }

    private static void WritePackage(Utf8JsonWriter w, ReportPackage p)
    {
        w.WriteStartObject();
        w.WriteString("importPath", p.ImportPath);
        w.WriteString("name", p.Name);
        if (p.Module != null) w.WriteString("module", p.Module);
        w.WriteString("dir", p.Dir);
        w.WriteStartArray("functions");
        foreach (var f in p.Functions)
        {
            w.WriteStartObject();
            w.WriteString("name", f.Name);
            if (f.Pos != null) WritePos(w, "pos", f.Pos);
            if (f.Inlining is { } inl)
            {
                w.WriteStartObject("inlining");
                w.WriteBoolean("canInline", inl.CanInline);
                if (inl.Cost is { } c) w.WriteNumber("cost", c);
                if (inl.Reason != null) w.WriteString("reason", inl.Reason);
                w.WriteEndObject();
            }
            if (f.Params.Count > 0)
            {
                w.WriteStartArray("params");
                foreach (var pa in f.Params)
                {
                    w.WriteStartObject();
                    w.WriteString("name", pa.Name);
                    WritePos(w, "pos", pa.Pos);
                    w.WriteString("tag", pa.Encoded);
                    WriteOpt(w, "heap", pa.Heap);
                    if (pa.Results.Count > 0)
                    {
                        w.WriteStartArray("results");
                        foreach (var r in pa.Results) { if (r is { } v) w.WriteNumberValue(v); else w.WriteNullValue(); }
                        w.WriteEndArray();
                    }
                    WriteOpt(w, "mutator", pa.Mutator);
                    WriteOpt(w, "callee", pa.Callee);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteStartArray("items");
            foreach (var i in f.Items) WriteItem(w, i);
            w.WriteEndArray();
            if (f.InlinedCalls is { Count: > 0 } calls)
            {
                w.WriteStartArray("inlinedCalls");
                foreach (var c in calls)
                {
                    w.WriteStartObject();
                    WritePos(w, "pos", c.Pos);
                    w.WriteString("callee", c.Callee);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteOpt(Utf8JsonWriter w, string name, int? v)
    {
        if (v is { } x) w.WriteNumber(name, x);
    }

    private static void WriteItem(Utf8JsonWriter w, ReportItem i)
    {
        w.WriteStartObject();
        WritePos(w, "pos", i.Pos);
        w.WriteString("kind", i.Kind);
        w.WriteString("decision", i.Decision);
        w.WriteString("expr", i.Expr);
        w.WriteString("what", i.What);
        w.WriteString("reason", i.Reason);
        w.WriteString("message", i.Message);
        if (i.Leak is { } l)
        {
            w.WriteStartObject("leak");
            w.WriteString("to", l.To);
            if (l.Result != null) w.WriteString("result", l.Result);
            w.WriteNumber("derefs", l.Derefs);
            w.WriteEndObject();
        }
        if (i.Assumed) w.WriteBoolean("assumed", true);
        if (i.Via != null) w.WriteString("via", i.Via);
        if (i.Flow.Count > 0)
        {
            w.WriteStartArray("flow");
            foreach (var s in i.Flow)
            {
                w.WriteStartObject();
                if (s.Pos != null) WritePos(w, "pos", s.Pos);
                if (s.Function != null) w.WriteString("function", s.Function);
                w.WriteString("dst", s.Dst);
                w.WriteString("ops", s.Ops);
                w.WriteString("src", s.Src);
                w.WriteString("reason", s.Reason);
                w.WriteString("text", s.Text);
                w.WriteStartArray("notes");
                foreach (var n in s.Notes)
                {
                    w.WriteStartObject();
                    if (n.Pos != null) WritePos(w, "pos", n.Pos);
                    w.WriteString("expr", n.Expr);
                    w.WriteString("why", n.Why);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteProfile(Utf8JsonWriter w, Profile.ProfileRanking r)
    {
        void Values(long[] v)
        {
            for (int i = 0; i < 4; i++)
                if (r.Present[i]) w.WriteNumber(Camel(Profile.ProfileRanking.Columns[i]), v[i]);
        }
        void Sites(string name, IReadOnlyList<Profile.ProfileSite> sites, bool ranked)
        {
            w.WriteStartArray(name);
            int rank = 0;
            foreach (var s in sites)
            {
                w.WriteStartObject();
                if (ranked) w.WriteNumber("rank", ++rank);
                w.WriteString("package", s.Package);
                w.WriteString("function", s.Function);
                WritePos(w, "pos", s.Pos);
                w.WriteString("decision", s.Decision);
                w.WriteStartArray("messages");
                foreach (var i in s.Items) w.WriteStringValue(i.Message);
                w.WriteEndArray();
                if (ranked)
                {
                    Values(s.Values);
                    w.WriteStartArray("allocatedAt");
                    foreach (var f in s.AllocatedAt)
                    {
                        w.WriteStartObject();
                        w.WriteString("function", f.Function);
                        w.WriteString("file", f.File);
                        w.WriteNumber("line", f.Line);
                        if (f.Inlined) w.WriteBoolean("inlined", true);
                        Values(f.Values);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteStartObject("profile");
        w.WriteString("file", r.File);
        w.WriteString("rankedBy", Profile.ProfileRanking.Columns[r.Index]);
        w.WriteStartObject("total");
        Values(r.Total);
        w.WriteEndObject();
        w.WriteStartArray("notes");
        foreach (var n in r.Notes) w.WriteStringValue(n);
        w.WriteEndArray();
        Sites("heap", r.Heap, true);
        Sites("stackAllocating", r.StackAllocating, true);
        Sites("notSeen", r.NotSeen, false);
        w.WriteStartArray("unmatched");
        foreach (var u in r.Unmatched)
        {
            w.WriteStartObject();
            w.WriteString("function", u.Function);
            w.WriteString("file", u.File);
            w.WriteNumber("line", u.Line);
            w.WriteString("why", u.Why);
            Values(u.Values);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Camel(string snake)
    {
        int u = snake.IndexOf('_');
        return u < 0 ? snake : snake[..u] + char.ToUpperInvariant(snake[u + 1]) + snake[(u + 2)..];
    }

    private static void WritePos(Utf8JsonWriter w, string name, ReportPos p)
    {
        w.WriteStartObject(name);
        w.WriteString("file", p.File);
        if (p.Root != null) w.WriteString("root", p.Root);
        w.WriteNumber("line", p.Line);
        w.WriteNumber("column", p.Column);
        w.WriteEndObject();
    }
}
