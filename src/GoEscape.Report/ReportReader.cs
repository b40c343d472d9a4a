using System.Globalization;
using System.Text.Json;

namespace GoEscape.Report;

/// <summary>A report file that is not a GoEscape JSON report of the schema this build reads: one line, for the user.</summary>
public sealed class ReportFormatException(string message) : Exception(message);

/// <summary>
/// Reads GoEscape's own JSON report (schema version 1, <see cref="ReportJson"/>, docs/report-format.md) back into the
/// model, for goescape diff. Strict: a file of another schema version, a SARIF log, malformed or truncated JSON, or a
/// required field missing or of the wrong type is a <see cref="ReportFormatException"/> with one line saying what and
/// where (a JSON path such as packages[2].functions[0].items[1].expr). Fields the diff does not use may be absent.
/// </summary>
public static class ReportReader
{
    public static ReportModel Read(string text)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } l ? $" at line {l + 1}" : "";
            bool truncated = e.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("depth to be zero", StringComparison.OrdinalIgnoreCase);
            throw new ReportFormatException(truncated ? $"truncated JSON (the report ends{where} before it is complete)" : $"malformed JSON{where}: {FirstSentence(e.Message)}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new ReportFormatException("not a GoEscape JSON report (the top level is not an object)");
            if (!root.TryGetProperty("schemaVersion", out var sv))
            {
                if (root.TryGetProperty("runs", out _) && root.TryGetProperty("version", out _))
                    throw new ReportFormatException("a SARIF log, not a GoEscape JSON report (write the report with -format json)");
                throw new ReportFormatException("not a GoEscape JSON report (no schemaVersion)");
            }
            if (sv.ValueKind != JsonValueKind.Number || !sv.TryGetInt32(out int version))
                throw new ReportFormatException("not a GoEscape JSON report (schemaVersion is not a number)");
            if (version != ReportModel.SchemaVersion)
                throw new ReportFormatException($"report schema version {version.ToString(CultureInfo.InvariantCulture)}; this goescape reads version {ReportModel.SchemaVersion.ToString(CultureInfo.InvariantCulture)} (regenerate the baseline with this goescape: goescape diff -baseline FILE -update ...)");
            var flags = Flags(Obj(root, "flags", "flags"));
            var roots = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("roots", out var rs) && rs.ValueKind == JsonValueKind.Object)
                foreach (var r in rs.EnumerateObject()) roots.Add(new(r.Name, r.Value.ValueKind == JsonValueKind.String ? r.Value.GetString()! : ""));
            var packages = new List<ReportPackage>();
            int pi = 0;
            foreach (var p in Arr(root, "packages", "packages"))
            {
                packages.Add(Package(p, $"packages[{pi}]"));
                pi++;
            }
            return new ReportModel(flags, roots, packages);
        }
    }

    private static string FirstSentence(string s)
    {
        s = s.ReplaceLineEndings(" ");
        int i = s.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (i > 0 ? s[..i] : s).Trim();
    }

    private static ReportFlags Flags(JsonElement f)
    {
        static List<string> Strings(JsonElement e, string name)
        {
            var l = new List<string>();
            if (e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array)
                foreach (var x in a.EnumerateArray()) if (x.ValueKind == JsonValueKind.String) l.Add(x.GetString()!);
            return l;
        }
        return new ReportFlags(Str(f, "inlining", "flags.inlining"), OptInt(f, "m") ?? 0, OptBool(f, "smallframes"), OptBool(f, "test"),
            Strings(f, "tags"), OptStr(f, "goos") ?? "", OptStr(f, "goarch") ?? "", Strings(f, "patterns"));
    }

    private static ReportPackage Package(JsonElement p, string path)
    {
        var funcs = new List<ReportFunction>();
        int fi = 0;
        foreach (var f in Arr(p, "functions", path + ".functions"))
        {
            funcs.Add(Function(f, $"{path}.functions[{fi}]"));
            fi++;
        }
        return new ReportPackage(Str(p, "importPath", path + ".importPath"), OptStr(p, "name") ?? "", OptStr(p, "module"), OptStr(p, "dir") ?? "", funcs);
    }

    private static ReportFunction Function(JsonElement f, string path)
    {
        string name = Str(f, "name", path + ".name");
        ReportPos? pos = f.TryGetProperty("pos", out var pe) ? Pos(pe, path + ".pos") : null;
        ReportInlining? inl = null;
        if (f.TryGetProperty("inlining", out var ie))
        {
            if (ie.ValueKind != JsonValueKind.Object) throw Bad(path + ".inlining", "an object");
            if (!ie.TryGetProperty("canInline", out var ci) || ci.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw Bad(path + ".inlining.canInline", "a boolean");
            inl = new ReportInlining(pos ?? new ReportPos("<unknown>", null, 0, 0), ci.GetBoolean(), OptInt(ie, "cost"), OptStr(ie, "reason"));
        }
        var items = new List<ReportItem>();
        int ii = 0;
        foreach (var i in Arr(f, "items", path + ".items"))
        {
            items.Add(Item(i, $"{path}.items[{ii}]"));
            ii++;
        }
        List<ReportInlinedCall>? calls = null;
        if (f.TryGetProperty("inlinedCalls", out var ce))
        {
            if (ce.ValueKind != JsonValueKind.Array) throw Bad(path + ".inlinedCalls", "an array");
            calls = [];
            int ci2 = 0;
            foreach (var c in ce.EnumerateArray())
            {
                string cp = $"{path}.inlinedCalls[{ci2++}]";
                if (c.ValueKind != JsonValueKind.Object) throw Bad(cp, "an object");
                calls.Add(new ReportInlinedCall(Pos(Obj(c, "pos", cp + ".pos"), cp + ".pos"), Str(c, "callee", cp + ".callee")));
            }
        }
        // parameter tags are not compared (the leaks are items)
        return new ReportFunction(name, pos, inl, [], items, calls);
    }

    private static ReportItem Item(JsonElement i, string path)
    {
        if (i.ValueKind != JsonValueKind.Object) throw Bad(path, "an object");
        var pos = Pos(Obj(i, "pos", path + ".pos"), path + ".pos");
        string kind = Str(i, "kind", path + ".kind");
        string decision = Str(i, "decision", path + ".decision");
        if (decision is not ("heap" or "moved-to-heap" or "stack" or "leak" or "no-leak"))
            throw new ReportFormatException($"{path}.decision: unknown decision \"{decision}\" (want heap, moved-to-heap, stack, leak or no-leak)");
        ReportLeak? leak = null;
        if (i.TryGetProperty("leak", out var le))
        {
            if (le.ValueKind != JsonValueKind.Object) throw Bad(path + ".leak", "an object");
            leak = new ReportLeak(Str(le, "to", path + ".leak.to"), OptStr(le, "result"), OptInt(le, "derefs") ?? 0);
        }
        var flow = new List<ReportStep>();
        if (i.TryGetProperty("flow", out var fe) && fe.ValueKind == JsonValueKind.Array)
            foreach (var s in fe.EnumerateArray())
            {
                if (s.ValueKind != JsonValueKind.Object) continue;
                flow.Add(new ReportStep(null, OptStr(s, "dst") ?? "", OptStr(s, "ops") ?? "", OptStr(s, "src") ?? "", OptStr(s, "function"),
                    OptStr(s, "reason") ?? "", [], OptStr(s, "text") ?? ""));
            }
        return new ReportItem(pos, kind, decision, Str(i, "expr", path + ".expr"), OptStr(i, "what") ?? "other", Str(i, "reason", path + ".reason"),
            Str(i, "message", path + ".message"), flow, OptStr(i, "via"), leak, OptBool(i, "assumed"));
    }

    private static ReportPos Pos(JsonElement p, string path)
    {
        if (p.ValueKind != JsonValueKind.Object) throw Bad(path, "an object");
        return new ReportPos(Str(p, "file", path + ".file"), OptStr(p, "root"), OptInt(p, "line") ?? throw Bad(path + ".line", "a number"), OptInt(p, "column") ?? 0);
    }

    private static ReportFormatException Bad(string path, string want) => new($"{path}: missing or not {want}");

    private static JsonElement Obj(JsonElement e, string name, string path)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : throw Bad(path, "an object");

    private static JsonElement.ArrayEnumerator Arr(JsonElement e, string name, string path)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : throw Bad(path, "an array");

    private static string Str(JsonElement e, string name, string path)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Bad(path, "a string");

    private static string? OptStr(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? OptInt(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int x) ? x : null;

    private static bool OptBool(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
