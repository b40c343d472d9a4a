namespace GoEscape.Syntax;

/// <summary>Function/declaration pragma bits, same set and meaning as gc's ir.PragmaFlag.</summary>
[Flags]
public enum PragmaFlags : ushort
{
    None = 0,
    Nointerface = 1 << 0,
    Noescape = 1 << 1,          // func parameters don't escape
    Norace = 1 << 2,
    Nosplit = 1 << 3,
    Noinline = 1 << 4,          // func should not be inlined
    NoCheckPtr = 1 << 5,
    CgoUnsafeArgs = 1 << 6,
    UintptrKeepAlive = 1 << 7,
    UintptrEscapes = 1 << 8,    // pointers converted to uintptr escape
    Systemstack = 1 << 9,
    Nowritebarrier = 1 << 10,
    Nowritebarrierrec = 1 << 11,
    Yeswritebarrierrec = 1 << 12,
    GoBuildPragma = 1 << 13,
    RegisterParams = 1 << 14,

    /// <summary>Pragmas gc accepts on function declarations (noder's funcPragmas).</summary>
    FuncPragmas = Nointerface | Noescape | Norace | Nosplit | Noinline | NoCheckPtr | RegisterParams | CgoUnsafeArgs |
                  UintptrKeepAlive | UintptrEscapes | Systemstack | Nowritebarrier | Nowritebarrierrec | Yeswritebarrierrec,
    /// <summary>Runtime-only pragmas.</summary>
    RuntimePragmas = Systemstack | Nowritebarrier | Nowritebarrierrec | Yeswritebarrierrec,
}

/// <summary>One //go: directive: position of the text after "//" and its text (without "//").</summary>
public sealed record Directive(Pos Pos, string Text, bool BlankLine);

/// <summary>A //go:linkname or //go:linknamestd directive (file-level in gc; recorded wherever it appears).</summary>
public sealed record Linkname(Pos Pos, bool Std, string Local, string? Remote);

/// <summary>A //go:embed directive with its parsed patterns.</summary>
public sealed record EmbedPragma(Pos Pos, IReadOnlyList<string> Patterns);

/// <summary>
/// Pragmas collected for one declaration, like gc's noder.pragmas: the flag bits, the position of each
/// flag directive, //go:embed patterns, wasm import/export. Attached to File, ImportDecl, ConstDecl,
/// TypeDecl, VarDecl or FuncDecl (the Pragma property), null when none preceded the declaration.
/// </summary>
public sealed class Pragmas
{
    public PragmaFlags Flags { get; set; }
    /// <summary>Each flag-directive (or unknown //go: directive) with its flag bits (0 for unknown verbs).</summary>
    public List<(PragmaFlags Flag, Pos Pos, string Verb)> Positions { get; } = new();
    public List<EmbedPragma> Embeds { get; } = new();
    public (Pos Pos, string Module, string Name)? WasmImport { get; set; }
    public (Pos Pos, string Name)? WasmExport { get; set; }
    /// <summary>All //go: directives folded into this pragma set, in order.</summary>
    public List<Directive> Directives { get; } = new();

    public bool Has(PragmaFlags f) => (Flags & f) != 0;
}

/// <summary>Options of gc's noder.pragma that depend on the compilation (-std, -+ flags, GOARCH).</summary>
public sealed record PragmaOptions
{
    /// <summary>-std: compiling a standard library package.</summary>
    public bool Std { get; init; }
    /// <summary>-+: compiling the runtime.</summary>
    public bool CompilingRuntime { get; init; }
    /// <summary>Target GOARCH (wasm pragmas are kept only for "wasm").</summary>
    public string GoArch { get; init; } = "amd64";
    /// <summary>Package path for the default //go:linkname target (null: leave Remote null).</summary>
    public string? PkgPath { get; init; }
}
