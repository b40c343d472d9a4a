using GoEscape.Syntax;
using K = GoEscape.Types.Constant.Const;
using GoEscape.Types.Constant;

namespace GoEscape.Types;

/// <summary>Declaration info of a package-level object (models types2.declInfo).</summary>
internal sealed class DeclInfo
{
    public Scope FileScope = null!;
    public string Version = "";
    public Var[]? Lhs;            // lhs of n:1 variable declarations
    public Expr? VType;
    public Expr? Init;
    public bool Inherited;
    public TypeDecl? TDecl;
    public FuncDecl? FDecl;
    public HashSet<GoObject>? Deps;

    public bool HasInitializer => Init != null || (FDecl != null && FDecl.Body != null);
    public void AddDep(GoObject obj) => (Deps ??= new HashSet<GoObject>(ReferenceEqualityComparer.Instance)).Add(obj);
}

public sealed partial class Checker
{
    internal static List<Expr> UnpackList(Expr? e) => e switch
    {
        null => new List<Expr>(),
        ListExpr l => l.ElemList,
        _ => new List<Expr> { e },
    };

    internal static Expr Unparen(Expr e)
    {
        while (e is ParenExpr p) e = p.X;
        return e;
    }

    /// <summary>models types2.(*Checker).declare</summary>
    internal void Declare(Scope scope, Name? id, GoObject obj, Pos scopePos)
    {
        if (obj.Name != "_")
        {
            var alt = scope.Insert(obj);
            if (alt != null)
            {
                var at = id != null ? AtPos(id) : default;
                string msg = $"{obj.Name} redeclared in this block";
                if (_objPos.TryGetValue(alt, out var ap)) msg += $"\n\t{ap.Format()}: other declaration of {obj.Name}";
                Report(at, msg, false);
                return;
            }
            obj.ScopePos = ToSourcePos(scopePos);
        }
        if (id != null) { RecordDef(id, obj); _objPos[obj] = id.Pos; }
    }

    private void AddDeclDep(GoObject to)
    {
        var from = _env.Decl;
        if (from == null) return;
        if (!_objMap.ContainsKey(to)) return;
        from.AddDep(to);
    }

    private void Arity(Pos pos, List<Name> names, List<Expr> inits, bool constDecl, bool inherited)
    {
        int l = names.Count, r = inits.Count;
        if (l < r)
        {
            var n = inits[l];
            if (inherited) Error(pos, $"extra init expr at {n.Pos.Format()}");
            else Error(n, $"extra init expr {ExprString(n)}");
        }
        else if (l > r && (constDecl || r != 1))
        {
            var n = names[r];
            Error(n, $"missing init expr for {n.Value}");
        }
    }

    private void DeclarePkgObj(Name ident, GoObject obj, DeclInfo d)
    {
        if (ident.Value == "init") { Error(ident, "cannot declare init - must be func"); return; }
        if (ident.Value == "main" && _pkg.Name == "main") { Error(ident, "cannot declare main - must be func"); return; }
        Declare(_pkg.Scope, ident, obj, default);
        _objMap[obj] = d;
        _objList.Add(obj);
        obj.Order = (uint)_objMap.Count;
    }

    private readonly Dictionary<string, Package> _impMap = new();

    private Package? ImportPackage(Pos pos, string path)
    {
        if (_impMap.TryGetValue(path, out var imp)) return imp;
        Package? p = null;
        if (path == "unsafe") p = Universe.Unsafe;
        else p = _conf.Importer?.Invoke(path);
        if (p == null || p.Name == "" || p.Name == "_")
        {
            string why = _conf.ImportError?.Invoke(path) ?? (p == null ? $"package {path} is not in std" : $"invalid package name: \"{p.Name}\"");
            Error(pos, $"could not import {path} ({why})");
            string name = path.TrimEnd('/');
            int i = name.LastIndexOf('/');
            if (i >= 0) name = name[(i + 1)..];
            p = new Package(path, name) { Fake = true };
        }
        _impMap[path] = p;
        return p;
    }

    private sealed record MethodInfo(Func Obj, bool Ptr, Name Recv);

    /// <summary>models types2.(*Checker).collectObjects</summary>
    private void CollectObjects()
    {
        var pkg = _pkg;
        var pkgImports = new HashSet<Package>(pkg.Imports, ReferenceEqualityComparer.Instance);
        var methods = new List<MethodInfo>();
        var fileScopes = new List<Scope>();
        foreach (var file in _files)
        {
            _env.Version = _versions[file];
            RecordDef(file.PkgName, null);
            var fileScope = new Scope(pkg.Scope, ToSourcePos(Positions.StartPos(file)), ToSourcePos(file.EOF), file.Base?.Filename ?? "");
            fileScopes.Add(fileScope);
            RecordScope(file, fileScope);

            int first = -1;
            ConstDecl? last = null;
            for (int index = 0; index < file.DeclList.Count; index++)
            {
                var decl = file.DeclList[index];
                if (decl is not ConstDecl) first = -1;
                switch (decl)
                {
                    case ImportDecl s:
                        {
                            if (s.Path == null || s.Path.Bad) continue;
                            var (path, err) = ValidatedImportPath(s.Path.Value);
                            if (err != null) { Error(s.Path, $"invalid import path ({err})"); continue; }
                            var imp = ImportPackage(s.Path.Pos, path);
                            if (imp == null) continue;
                            string name = imp.Name;
                            if (s.LocalPkgName != null)
                            {
                                name = s.LocalPkgName.Value;
                                if (path == "C") { Error(s.LocalPkgName, "cannot rename import \"C\""); continue; }
                            }
                            if (name == "init") { Error(s, "cannot import package as init - init must be a func"); continue; }
                            if (pkgImports.Add(imp)) pkg.AddImport(imp);
                            var pkgName = new PkgName(ToSourcePos(AtPos(s)), pkg, name, imp);
                            _importPos[pkgName] = AtPos(s);
                            if (s.LocalPkgName != null) RecordDef(s.LocalPkgName, pkgName);
                            else RecordImplicit(s, pkgName);
                            if (imp.Fake) _usedPkgNames.Add(pkgName);
                            _imports.Add(pkgName);
                            if (name == ".")
                            {
                                foreach (var n in imp.Scope.Names())
                                {
                                    if (!GoObject.IsExported(n)) continue;
                                    var obj = imp.Scope.Lookup(n)!;
                                    var alt = fileScope.Lookup(n);
                                    if (alt != null) Error(s.LocalPkgName!, $"{alt.Name} redeclared in this block");
                                    else
                                    {
                                        InsertNoParent(fileScope, obj);
                                        _dotImportMap[(fileScope, n)] = pkgName;
                                    }
                                }
                            }
                            else Declare(fileScope, null, pkgName, default);
                            break;
                        }
                    case ConstDecl s:
                        {
                            if (first < 0 || s.Group == null || (file.DeclList[index - 1] as ConstDecl)?.Group != s.Group)
                            {
                                first = index;
                                last = null;
                            }
                            var iota = K.MakeInt64(index - first);
                            bool inherited = true;
                            if (s.Type != null || s.Values != null) { last = s; inherited = false; }
                            else if (last == null) { last = new ConstDecl(); inherited = false; }
                            var values = UnpackList(last.Values);
                            for (int i = 0; i < s.NameList.Count; i++)
                            {
                                var name = s.NameList[i];
                                var obj = new Const(ToSourcePos(name.Pos), pkg, name.Value, null, iota);
                                var d = new DeclInfo { FileScope = fileScope, Version = _env.Version, VType = last.Type, Init = i < values.Count ? values[i] : null, Inherited = inherited };
                                DeclarePkgObj(name, obj, d);
                            }
                            Arity(s.Pos, s.NameList, values, true, inherited);
                            break;
                        }
                    case VarDecl s:
                        {
                            var lhs = new Var[s.NameList.Count];
                            DeclInfo? d1 = null;
                            if (s.Values is not ListExpr)
                                d1 = new DeclInfo { FileScope = fileScope, Version = _env.Version, Lhs = lhs, VType = s.Type, Init = s.Values };
                            var values = UnpackList(s.Values);
                            for (int i = 0; i < s.NameList.Count; i++)
                            {
                                var name = s.NameList[i];
                                var obj = new Var(VarKind.PackageVar, ToSourcePos(name.Pos), pkg, name.Value, null);
                                lhs[i] = obj;
                                var d = d1 ?? new DeclInfo { FileScope = fileScope, Version = _env.Version, VType = s.Type, Init = i < values.Count ? values[i] : null };
                                DeclarePkgObj(name, obj, d);
                            }
                            if (s.Type == null || values.Count > 0) Arity(s.Pos, s.NameList, values, false, false);
                            break;
                        }
                    case TypeDecl s:
                        {
                            var obj = new TypeName(ToSourcePos(s.Name.Pos), pkg, s.Name.Value, null);
                            DeclarePkgObj(s.Name, obj, new DeclInfo { FileScope = fileScope, Version = _env.Version, TDecl = s });
                            break;
                        }
                    case FuncDecl s:
                        {
                            string name = s.Name.Value;
                            var obj = new Func(ToSourcePos(s.Name.Pos), pkg, name, null);
                            _objPos[obj] = s.Name.Pos;
                            if (s.Pragma != null) { obj.Pragma = s.Pragma; Info.FuncPragmas[obj] = s.Pragma; }
                            Info.FuncDecls[s] = obj;
                            var tparam0 = s.TParamList is { Count: > 0 } ? s.TParamList[0] : null;
                            if (s.Recv == null)
                            {
                                if (name == "init" || (name == "main" && pkg.Name == "main"))
                                {
                                    if (tparam0 != null) SoftError(tparam0, $"func {name} must have no type parameters");
                                    if (s.Type.ParamList.Count != 0 || s.Type.ResultList.Count != 0)
                                        SoftError(s.Name, $"func {name} must have no arguments and no return values");
                                }
                                else if (tparam0 != null) VerifyVersion(tparam0, GoVersions.Go1_18, "type parameter");
                                if (name == "init")
                                {
                                    SetParent(obj, pkg.Scope);
                                    RecordDef(s.Name, obj);
                                    if (s.Body == null) SoftError(s.Name.Pos, "func init must have a body");
                                }
                                else Declare(pkg.Scope, s.Name, obj, default);
                            }
                            else
                            {
                                var (ptr, bse, _) = UnpackRecv(s.Recv.Type, false);
                                if (bse is Name recv && name != "_") methods.Add(new MethodInfo(obj, ptr, recv));
                                if (tparam0 != null) VerifyVersion(tparam0, GoVersions.Go1_27, "generic method");
                                RecordDef(s.Name, obj);
                            }
                            _objMap[obj] = new DeclInfo { FileScope = fileScope, Version = _env.Version, FDecl = s };
                            _objList.Add(obj);
                            obj.Order = (uint)_objMap.Count;
                            break;
                        }
                }
            }
        }

        // verify that objects in package and file scopes have different names
        foreach (var scope in fileScopes)
        {
            foreach (var name in scope.Names())
            {
                var alt = pkg.Scope.Lookup(name);
                if (alt == null) continue;
                var obj = scope.Lookup(name)!;
                if (obj is PkgName pn)
                {
                    // types2 resolver: the error, then addAltDecl(pkg) (the import's position)
                    var msg = $"{alt.Name} already declared through import of {pn.Imported}";
                    if (_importPos.TryGetValue(pn, out var ip) && ip.IsKnown) msg += $"\n\t{ip.Format()}: other declaration of {pn.Name}";
                    Error(alt.Pos.IsKnown ? PosOfObj(alt) : default, msg);
                }
                else
                    Error(PosOfObj(alt), $"{alt.Name} already declared through dot-import of {obj.Pkg}");
            }
        }

        foreach (var m in methods)
        {
            var (ptr, bse) = ResolveBaseTypeName(m.Ptr, m.Recv);
            if (bse != null)
            {
                m.Obj.HasPtrRecvHint = ptr;
                // types2 Named.expandMethod (and lookup) call check.objDecl(origm) before reading a method's
                // signature: a method of a generic type used (instantiated) before its declaration is checked
                m.Obj.Resolver = f => ObjDecl(f);
                if (!_methods.TryGetValue(bse, out var list)) _methods[bse] = list = new List<Func>();
                list.Add(m.Obj);
            }
        }
    }

    /// <summary>Positions of package-level objects for error reporting (from their declaring name).</summary>
    private readonly Dictionary<GoObject, Pos> _objPos = new(ReferenceEqualityComparer.Instance);

    private Pos PosOfObj(GoObject o) => _objPos.TryGetValue(o, out var p) ? p : default;

    private static void SetParent(GoObject obj, Scope s) => obj.Parent = s;

    private static void InsertNoParent(Scope scope, GoObject obj) => scope.Insert(obj);

    private static (string Path, string? Err) ValidatedImportPath(string lit)
    {
        string s;
        try { s = GoStringLit.Unquote(lit); }
        catch (FormatException) { return ("", "invalid syntax"); }
        if (s == "") return ("", "empty string");
        const string illegal = "!\"#$%&'()*,:;<=>?[\\]^{|}`\uFFFD";
        foreach (var r in s.EnumerateRunes())
        {
            if (System.Text.Rune.IsWhiteSpace(r) || System.Text.Rune.IsControl(r) || (r.IsBmp && illegal.Contains((char)r.Value)))
                return (s, $"invalid character {UnicodeFormat(r)}");
        }
        return (s, null);
    }

    private static string UnicodeFormat(System.Text.Rune r) => $"U+{r.Value:X4} '{r}'";

    /// <summary>models types2.(*Checker).unpackRecv</summary>
    internal (bool Ptr, Expr Base, List<Name>? TParams) UnpackRecv(Expr rtyp, bool unpackParams)
    {
        var bse = Unparen(rtyp);
        bool ptr = false;
        if (bse is Operation { Op: Operator.Mul, Y: null } t)
        {
            ptr = true;
            bse = Unparen(t.X);
        }
        List<Name>? tparams = null;
        if (bse is IndexExpr ptyp)
        {
            bse = ptyp.X;
            if (unpackParams)
            {
                tparams = new List<Name>();
                foreach (var arg in UnpackList(ptyp.Index))
                {
                    Name? par = arg as Name;
                    if (par == null)
                    {
                        if (arg is not BadExpr) Error(arg, $"receiver type parameter {ExprString(arg)} must be an identifier");
                        par = new Name(arg.Pos, "_");
                    }
                    tparams.Add(par);
                }
            }
        }
        return (ptr, bse, tparams);
    }

    /// <summary>models types2.(*Checker).resolveBaseTypeName</summary>
    private (bool, TypeName?) ResolveBaseTypeName(bool ptr, Name? name)
    {
        var seen = new HashSet<TypeName>(ReferenceEqualityComparer.Instance);
        while (name != null)
        {
            if (_pkg.Scope.Lookup(name.Value) is not TypeName tname) break;
            if (!seen.Add(tname)) break;
            var tdecl = _objMap[tname].TDecl!;
            if (!tdecl.Alias) return (ptr, tname);
            if (tdecl.TParamList != null) break;
            var typ = Unparen(tdecl.Type);
            if (typ is Operation { Op: Operator.Mul, Y: null } pexpr)
            {
                if (ptr) break;
                ptr = true;
                typ = Unparen(pexpr.X);
            }
            name = typ as Name;
        }
        return (false, null);
    }

    /// <summary>models types2.(*Checker).packageObjects</summary>
    private void PackageObjects()
    {
        var aliasList = new List<TypeName>();
        var others = new List<GoObject>();
        foreach (var obj in _objList)
        {
            if (obj is TypeName tname)
            {
                if (_objMap[tname].TDecl!.Alias) aliasList.Add(tname);
                else ObjDecl(obj);
            }
            else others.Add(obj);
        }
        foreach (var obj in aliasList) ObjDecl(obj);
        foreach (var obj in others) ObjDecl(obj);
        _methods.Clear();
    }

    private void UnusedImports()
    {
        if (_conf.IgnoreFuncBodies) return;
        foreach (var obj in _imports)
        {
            if (obj.Name != "_" && !_usedPkgNames.Contains(obj))
            {
                string path = obj.Imported.Path;
                string elem = path;
                int i = elem.LastIndexOf('/');
                if (i >= 0) elem = elem[(i + 1)..];
                var pos = _importPos.GetValueOrDefault(obj);
                if (obj.Name == "" || obj.Name == "." || obj.Name == elem) SoftError(pos, $"{Quote(path)} imported and not used");
                else SoftError(pos, $"{Quote(path)} imported as {obj.Name} and not used");
            }
        }
    }

    private readonly Dictionary<PkgName, Pos> _importPos = new(ReferenceEqualityComparer.Instance);

    internal static string Quote(string s) => GoStringLit.Quote(s);
}
