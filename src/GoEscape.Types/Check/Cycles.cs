using GoEscape.Syntax;

namespace GoEscape.Types;

// Invalid recursive types: direct cycles among type names (types2 cycles.go), types that contain themselves in
// memory (types2 validtype.go) and anonymous interfaces that refer to themselves (noder irgen.go, go.dev/issue/56103).
public sealed partial class Checker
{
    /// <summary>Models types2.(*Checker).directCycles: a type name whose declaration's RHS is a chain of package-level
    /// type names (no type literal) leading back onto the chain is a cycle; the first name on the cycle becomes invalid.
    /// Runs before packageObjects, so underlying-type resolution never meets a direct cycle.</summary>
    private void DirectCycles()
    {
        // pathIdx: absent = white, >= 0 = grey (index on the current path), -1 = black (done)
        var pathIdx = new Dictionary<TypeName, int>(ReferenceEqualityComparer.Instance);
        foreach (var obj in _objList)
        {
            if (obj is not TypeName start) continue;
            var path = new List<TypeName>();
            for (var tname = start; ;)
            {
                if (pathIdx.TryGetValue(tname, out int idx))
                {
                    if (idx >= 0)
                    {
                        tname.Type = Universe.Invalid;
                        var cycle = new List<GoObject>();
                        for (int i = idx; i < path.Count; i++) cycle.Add(path[i]);
                        CycleError(cycle, FirstInSrc(cycle));
                    }
                    break;
                }
                pathIdx[tname] = path.Count;
                path.Add(tname);
                if (!_objMap.TryGetValue(tname, out var d) || d.TDecl?.Type is not Name rhs) break;
                if (_pkg.Scope.Lookup(rhs.Value) is not TypeName next) break;
                tname = next;
            }
            foreach (var t in path) pathIdx[t] = -1;
        }
    }

    /// <summary>Models types2.(*Checker).isComplete: a named type or alias still being declared (on the object path)
    /// has no underlying type yet; using a value of it (conversion, selection, receive, ...) is a cycle, reported here.
    /// Names are followed because some cycles of names are permitted (type A B; type B [unsafe.Sizeof(A{})]int).</summary>
    private bool IsComplete(GoType? t)
    {
        for (int guard = 0; guard < 10000; guard++)
        {
            GoObject obj;
            GoType? rhs;
            switch (t)
            {
                case Alias a: obj = a.Obj; rhs = a.Rhs; break;
                case Named n: obj = n.Obj; rhs = n.IsInstance ? null : n.Rhs; break;
                default: return true;
            }
            if (_objPathIdx.TryGetValue(obj, out int i))
            {
                var cycle = _objPath.GetRange(i, _objPath.Count - i);
                CycleError(cycle, FirstInSrc(cycle));
                return false;
            }
            t = rhs;
        }
        return true;
    }

    // Non-generic named types found valid (types2 dropped its cache because it is wrong for generic types,
    // go.dev/issue/65711; for a type without type parameters validity does not depend on the nest).
    private readonly HashSet<Named> _validTypeDone = new(ReferenceEqualityComparer.Instance);

    /// <summary>Bound on the nest of validType (types2 has none): far beyond any real program, well within the
    /// checker thread's stack. Exceeding it is an internal error, never a silent "valid".</summary>
    internal const int ValidTypeMaxNest = 100_000;

    // origins of the types in the current nest, with multiplicity: the nest is scanned only when t's origin is in it
    private readonly Dictionary<Named, int> _nestOrigins = new(ReferenceEqualityComparer.Instance);

    /// <summary>Models types2.(*Checker).validType.</summary>
    private void ValidType(Named t)
    {
        _nestOrigins.Clear();
        ValidType0(t, new List<Named>(), new List<Named>());
    }

    /// <summary>Models types2.(*Checker).validType0: nest is the stack of types whose memory contains the current
    /// one, path the full chain of named types (for the error message).</summary>
    private bool ValidType0(GoType? typ, List<Named> nest, List<Named> path)
    {
        switch (typ is null ? null : Unalias(typ))
        {
            case Array a:
                return ValidType0(a.Elem, nest, path);
            case Struct s:
                foreach (var f in s.Fields)
                    if (!ValidType0(f.Type, nest, path)) return false;
                return true;
            case Union u:
                foreach (var term in u.Terms)
                    if (!ValidType0(term.Type, nest, path)) return false;
                return true;
            case Interface it:
                foreach (var e in it.Embeddeds)
                    if (!ValidType0(e, nest, path)) return false;
                return true;
            case Named t:
                if (_validTypeDone.Contains(t)) return true;
                // imported non-generic types were validated by their own package
                if (!ReferenceEquals(t.Obj.Pkg, _pkg) && t.TypeArgs.Len == 0) return true;
                foreach (var e in _nestOrigins.GetValueOrDefault(t.Origin) > 0 ? nest : [])
                {
                    if (!GoTypes.Identical(e, t)) continue;
                    // t contains itself: its origin is invalid however it is instantiated
                    if (ReferenceEquals(t.Origin.Obj.Pkg, _pkg)) t.Origin.SetUnderlying(Universe.Invalid);
                    for (int start = 0; start < path.Count; start++)
                    {
                        if (!GoTypes.Identical(path[start], t)) continue;
                        var cycle = new List<GoObject>();
                        for (int i = start; i < path.Count; i++) cycle.Add(path[i].Obj);
                        CycleError(cycle, 0);
                        return false;
                    }
                    return false;
                }
                if (nest.Count >= ValidTypeMaxNest)
                    throw new InvalidOperationException($"validType: type nest deeper than {ValidTypeMaxNest} at {TS(t)}");
                nest.Add(t);
                path.Add(t);
                _nestOrigins[t.Origin] = _nestOrigins.GetValueOrDefault(t.Origin) + 1;
                bool ok = ValidType0(t.Origin.Rhs, nest, path);
                _nestOrigins[t.Origin]--;
                nest.RemoveAt(nest.Count - 1);
                path.RemoveAt(path.Count - 1);
                if (ok && t.TypeParams.Len == 0 && !t.IsInstance) _validTypeDone.Add(t);
                return ok;
            case TypeParam tp:
                // the type parameter stands for its argument in the innermost instance; that argument must be
                // valid in the nest where the instance was written (the nest without the instance)
                if (nest.Count == 0) return true;
                var inst = nest[^1];
                var tparams = inst.TypeParams;
                for (int i = 0; i < tparams.Len; i++)
                {
                    if (!ReferenceEquals(tparams.At(i), tp) || i >= inst.TypeArgs.Len) continue;
                    return ValidType0(inst.TypeArgs.At(i), nest.GetRange(0, nest.Count - 1), path);
                }
                return true;
        }
        return true;
    }

    /// <summary>Models noder's cycleFinder (cmd/compile/internal/noder/irgen.go, go.dev/issue/56103), which gc runs after
    /// a successful type check: an interface literal whose methods (through anonymous types only) lead back to it.</summary>
    private void AnonInterfaceCycles()
    {
        var cyclic = new Dictionary<Interface, bool>(ReferenceEqualityComparer.Instance);
        foreach (var file in _files)
        {
            Walker.Inspect(file, n =>
            {
                if (n is not InterfaceType lit) return true;
                if (Info.Types.TryGetValue(lit, out var tv) && tv.Type is { } t && Unalias(t) is Interface it && HasAnonCycle(it, cyclic, 0))
                {
                    Error(lit.Pos, "invalid recursive type: anonymous interface refers to itself (see https://go.dev/issue/56103)");
                    foreach (var k in cyclic.Keys.ToList()) cyclic[k] = false; // suppress duplicate errors
                }
                return false;
            });
        }
    }

    private const int AnonCycleMaxDepth = 10000;

    private static bool HasAnonCycle(Interface typ, Dictionary<Interface, bool> cyclic, int depth)
    {
        for (int i = 0; i < typ.NumMethods; i++)
            if (VisitAnon(typ.Method(i).Type, cyclic, depth + 1)) return true;
        return false;
    }

    private static bool VisitAnon(GoType? typ0, Dictionary<Interface, bool> cyclic, int depth)
    {
        if (depth > AnonCycleMaxDepth) return false;
        for (; ; )
        {
            switch (typ0 is null ? null : Unalias(typ0))
            {
                case Pointer p: typ0 = p.Elem; continue;
                case Array a: typ0 = a.Elem; continue;
                case Chan c: typ0 = c.Elem; continue;
                case Slice s: typ0 = s.Elem; continue;
                case Map m:
                    if (VisitAnon(m.Key, cyclic, depth + 1)) return true;
                    typ0 = m.Elem;
                    continue;
                case Struct st:
                    foreach (var f in st.Fields)
                        if (VisitAnon(f.Type, cyclic, depth + 1)) return true;
                    return false;
                case Interface it:
                    if (it.NumExplicitMethods == 0 && it.NumEmbeddeds == 0) return false;
                    if (cyclic.TryGetValue(it, out bool x)) return x;
                    cyclic[it] = true;
                    if (HasAnonCycle(it, cyclic, depth + 1)) return true;
                    cyclic[it] = false;
                    return false;
                case Signature sig:
                    return VisitAnon(sig.Params, cyclic, depth + 1) || VisitAnon(sig.Results, cyclic, depth + 1);
                case Tuple tup:
                    foreach (var v in tup.Variables)
                        if (VisitAnon(v.Type, cyclic, depth + 1)) return true;
                    return false;
                default:
                    return false; // basic, named and type parameter types cannot be part of an anonymous cycle
            }
        }
    }
}
