namespace GoEscape.Syntax;

/// <summary>
/// Identity hash codes for objects used as keys of large side tables (syntax nodes in the checker's tables): unique
/// and, for objects created one after the other on a thread, consecutive. Tables filled in creation order then touch
/// their buckets in order, where the runtime's random identity hashes (RuntimeHelpers.GetHashCode, which also costs a
/// runtime call the first time for each object) scatter them over memory. Hash values never influence results:
/// Dictionary and HashSet enumerate in insertion order.
/// </summary>
public static class IdentityHash
{
    private const int Block = 1 << 12;
    private static int s_nextBlock;
    [ThreadStatic] private static int t_next, t_end;

    /// <summary>A new hash code: consecutive within a thread, unique across threads (until 2^32 codes wrap).</summary>
    public static int Next()
    {
        if (t_next == t_end)
        {
            t_end = Interlocked.Add(ref s_nextBlock, Block);
            t_next = t_end - Block;
        }
        return t_next++;
    }
}

/// <summary>Reference equality for syntax nodes, hashed by <see cref="Node.IdentityHash"/>.</summary>
public sealed class NodeIdentity : IEqualityComparer<Node>
{
    public static readonly NodeIdentity Comparer = new();

    public bool Equals(Node? x, Node? y) => ReferenceEquals(x, y);
    public int GetHashCode(Node n) => n.IdentityHash;
}
