using System.IO.Compression;
using Google.Protobuf;

namespace GoEscape.Report.Profile;

// A pprof profile (perftools.profiles.Profile, the schema vendored beside this file as profile.proto) decoded with
// Google.Protobuf's CodedInputStream: only the messages and fields GoEscape uses (sample types, samples, locations with
// their lines, functions, the string table, the default sample type); other fields are skipped as the wire format
// allows. The file may be gzipped (as runtime/pprof writes it) or not (pprof accepts both).

/// <summary>A user error in a profile (not ours): the CLI prints "goescape: MESSAGE" and exits 2.</summary>
public sealed class ProfileException(string message) : Exception(message);

public sealed record PprofValueType(string Type, string Unit);

/// <summary>One frame of a location: Line.function_id's function, Line.line (and column, 0 when absent).</summary>
public sealed record PprofLine(PprofFunction? Function, long Line, long Column);

/// <summary>Function.name, system_name, filename, start_line.</summary>
public sealed record PprofFunction(ulong Id, string Name, string SystemName, string File, long StartLine);

/// <summary>Location.line: inlined frames innermost first, the physical function last.</summary>
public sealed record PprofLocation(ulong Id, IReadOnlyList<PprofLine> Lines);

public sealed record PprofSample(IReadOnlyList<PprofLocation> Stack, long[] Values);

public sealed record PprofProfile(IReadOnlyList<PprofValueType> SampleTypes, IReadOnlyList<PprofSample> Samples, string DefaultSampleType)
{
    /// <summary>The index of a sample type by name, or -1.</summary>
    public int IndexOf(string type)
    {
        for (int i = 0; i < SampleTypes.Count; i++) if (SampleTypes[i].Type == type) return i;
        return -1;
    }
}

public static class Pprof
{
    // field numbers of profile.proto
    private const int ProfileSampleType = 1, ProfileSample = 2, ProfileLocation = 4, ProfileFunction = 5, ProfileStringTable = 6, ProfileDefaultSampleType = 14;
    private const int ValueTypeType = 1, ValueTypeUnit = 2;
    private const int SampleLocationId = 1, SampleValue = 2;
    private const int LocationId = 1, LocationLine = 4;
    private const int LineFunctionId = 1, LineLine = 2, LineColumn = 3;
    private const int FunctionId = 1, FunctionName = 2, FunctionSystemName = 3, FunctionFilename = 4, FunctionStartLine = 5;

    /// <summary>Reads a profile file; every problem with it is a <see cref="ProfileException"/> naming the file.</summary>
    public static PprofProfile ReadFile(string path, string shown)
    {
        byte[] data;
        try { data = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProfileException($"cannot read profile {shown}: " + (e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message));
        }
        try { return Decode(data); }
        catch (ProfileException e) { throw new ProfileException($"profile {shown}: {e.Message}"); }
    }

    /// <summary>Decodes a gzipped or plain protobuf profile.</summary>
    public static PprofProfile Decode(byte[] data)
    {
        if (data.Length >= 2 && data[0] == 0x1f && data[1] == 0x8b)
        {
            try
            {
                using var gz = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
                using var ms = new MemoryStream();
                gz.CopyTo(ms);
                data = ms.ToArray();
            }
            catch (InvalidDataException e) { throw new ProfileException("not a pprof profile: corrupt or truncated gzip data (" + e.Message + ")"); }
        }
        if (data.Length == 0) throw new ProfileException("not a pprof profile: empty");
        try { return Parse(data); }
        catch (InvalidProtocolBufferException e) { throw new ProfileException("not a pprof profile: invalid or truncated protobuf data (" + e.Message + ")"); }
    }

    private sealed record RawLine(ulong FunctionId, long Line, long Column);

    private static PprofProfile Parse(byte[] data)
    {
        var types = new List<(long Type, long Unit)>();
        var samples = new List<(List<ulong> Locs, List<long> Values)>();
        var locations = new List<(ulong Id, List<RawLine> Lines)>();
        var functions = new List<(ulong Id, long Name, long System, long File, long Start)>();
        var strings = new List<string>();
        long defaultType = 0;
        var input = new CodedInputStream(data);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case ProfileSampleType when Wire(tag) == WireFormat.WireType.LengthDelimited:
                {
                    long t = 0, u = 0;
                    Message(input, (f, s) => { if (f == ValueTypeType) t = s.ReadInt64(); else if (f == ValueTypeUnit) u = s.ReadInt64(); else return false; return true; });
                    types.Add((t, u));
                    break;
                }
                case ProfileSample when Wire(tag) == WireFormat.WireType.LengthDelimited:
                {
                    var locs = new List<ulong>();
                    var values = new List<long>();
                    Message(input, (f, s, t) =>
                    {
                        if (f == SampleLocationId) Repeated(s, t, r => locs.Add(r.ReadUInt64()));
                        else if (f == SampleValue) Repeated(s, t, r => values.Add(r.ReadInt64()));
                        else return false;
                        return true;
                    });
                    samples.Add((locs, values));
                    break;
                }
                case ProfileLocation when Wire(tag) == WireFormat.WireType.LengthDelimited:
                {
                    ulong id = 0;
                    var lines = new List<RawLine>();
                    Message(input, (f, s) =>
                    {
                        if (f == LocationId) id = s.ReadUInt64();
                        else if (f == LocationLine)
                        {
                            ulong fn = 0; long line = 0, col = 0;
                            Message(s, (g, r) =>
                            {
                                if (g == LineFunctionId) fn = r.ReadUInt64();
                                else if (g == LineLine) line = r.ReadInt64();
                                else if (g == LineColumn) col = r.ReadInt64();
                                else return false;
                                return true;
                            });
                            lines.Add(new RawLine(fn, line, col));
                        }
                        else return false;
                        return true;
                    });
                    locations.Add((id, lines));
                    break;
                }
                case ProfileFunction when Wire(tag) == WireFormat.WireType.LengthDelimited:
                {
                    ulong id = 0; long name = 0, sys = 0, file = 0, start = 0;
                    Message(input, (f, s) =>
                    {
                        switch (f)
                        {
                            case FunctionId: id = s.ReadUInt64(); break;
                            case FunctionName: name = s.ReadInt64(); break;
                            case FunctionSystemName: sys = s.ReadInt64(); break;
                            case FunctionFilename: file = s.ReadInt64(); break;
                            case FunctionStartLine: start = s.ReadInt64(); break;
                            default: return false;
                        }
                        return true;
                    });
                    functions.Add((id, name, sys, file, start));
                    break;
                }
                case ProfileStringTable when Wire(tag) == WireFormat.WireType.LengthDelimited:
                    strings.Add(input.ReadString());
                    break;
                case ProfileDefaultSampleType when Wire(tag) == WireFormat.WireType.Varint:
                    defaultType = input.ReadInt64();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }
        // pprof's own checks (profile.go postDecode): string_table[0] is "", indexes in range, ids exist
        if (strings.Count == 0 || strings[0] != "") throw new ProfileException("not a pprof profile: no string table (string_table[0] must be \"\")");
        string S(long i) => i >= 0 && i < strings.Count ? strings[(int)i] : throw new ProfileException($"not a pprof profile: string index {i} out of range");
        var funcs = new Dictionary<ulong, PprofFunction>();
        foreach (var f in functions) funcs[f.Id] = new PprofFunction(f.Id, S(f.Name), S(f.System), S(f.File), f.Start);
        var locById = new Dictionary<ulong, PprofLocation>();
        foreach (var l in locations)
        {
            var lines = new List<PprofLine>(l.Lines.Count);
            foreach (var r in l.Lines)
            {
                PprofFunction? fn = null;
                if (r.FunctionId != 0 && !funcs.TryGetValue(r.FunctionId, out fn)) throw new ProfileException($"not a pprof profile: location {l.Id} names function {r.FunctionId}, which is not in the profile");
                lines.Add(new PprofLine(fn, r.Line, r.Column));
            }
            locById[l.Id] = new PprofLocation(l.Id, lines);
        }
        var sampleTypes = types.Select(t => new PprofValueType(S(t.Type), S(t.Unit))).ToList();
        var result = new List<PprofSample>(samples.Count);
        foreach (var (ids, values) in samples)
        {
            if (values.Count != sampleTypes.Count) throw new ProfileException($"not a pprof profile: a sample has {values.Count} values for {sampleTypes.Count} sample types");
            var stack = new List<PprofLocation>(ids.Count);
            foreach (var id in ids)
                stack.Add(locById.TryGetValue(id, out var loc) ? loc : throw new ProfileException($"not a pprof profile: a sample names location {id}, which is not in the profile"));
            result.Add(new PprofSample(stack, values.ToArray()));
        }
        if (sampleTypes.Count == 0) throw new ProfileException("not a pprof profile: no sample types");
        return new PprofProfile(sampleTypes, result, S(defaultType));
    }

    private static WireFormat.WireType Wire(uint tag) => WireFormat.GetTagWireType(tag);

    /// <summary>Reads one length-delimited message, calling field for each field (false: skip it).</summary>
    private static void Message(CodedInputStream s, Func<int, CodedInputStream, bool> field)
        => Message(s, (f, r, _) => field(f, r));

    private static void Message(CodedInputStream s, Func<int, CodedInputStream, uint, bool> field)
    {
        var sub = new CodedInputStream(s.ReadBytes().ToByteArray());
        uint tag;
        while ((tag = sub.ReadTag()) != 0)
            if (!field(WireFormat.GetTagFieldNumber(tag), sub, tag)) sub.SkipLastField();
    }

    /// <summary>A repeated scalar: packed (length-delimited, as proto3 writes it) or one value per tag.</summary>
    private static void Repeated(CodedInputStream s, uint tag, Action<CodedInputStream> one)
    {
        if (WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited) { one(s); return; }
        var sub = new CodedInputStream(s.ReadBytes().ToByteArray());
        while (!sub.IsAtEnd) one(sub);
    }
}
