using GoEscape.Harness;

namespace GoEscape.Tests;

/// <summary>
/// What a test that needs Go 1.27 (gc's go command as the oracle, or Go's sources) calls first. Found through
/// <see cref="GoToolchain"/> (GOESCAPE_GOROOT, then $HOME/.cache/goescape/go1.27, then PATH's go 1.27). When Go is
/// absent the test is reported SKIPPED with the reason, never passed; such tests are [SkippableFact] or
/// [SkippableTheory]. With GOESCAPE_REQUIRE_ORACLE=1 (set by .ci/run, where tools/fetch-go makes Go present) an
/// absent oracle fails the test instead.
/// </summary>
internal static class Oracle
{
    /// <summary>The environment variable under which an absent oracle is a failure, not a skip.</summary>
    public const string RequireVariable = "GOESCAPE_REQUIRE_ORACLE";

    /// <summary>The oracle's GOROOT; skips the calling test (or fails it under GOESCAPE_REQUIRE_ORACLE=1) when absent.</summary>
    public static string GoRoot()
    {
        if (GoToolchain.GoRoot is { } root) return root;
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
            throw new InvalidOperationException($"{RequireVariable}=1 and {GoToolchain.NotFoundReason}");
        throw new SkipException(GoToolchain.NotFoundReason);
    }

    /// <summary>The oracle's GOROOT or null, for the few tests that run with and without it (e.g. to normalize
    /// output); a test whose assertion needs the oracle calls <see cref="GoRoot"/>.</summary>
    public static string? GoRootOrNull => GoToolchain.GoRoot;
}
