using Tuple = GoEscape.Types.Tuple;
using Func = GoEscape.Types.Func;
using GoEscape.Types;

namespace GoEscape.Tests.TypesModel;

/// <summary>Small helpers to construct types as the checker would.</summary>
internal static class B
{
    public static readonly SourcePos P = SourcePos.None;
    public static Basic T(BasicKind k) => Universe.Typ[(int)k];
    public static Basic Int => T(BasicKind.Int);
    public static Basic Str => T(BasicKind.String);
    public static Basic Bool => T(BasicKind.Bool);
    public static Basic GoByte => Universe.ByteType;
    public static Basic F64 => T(BasicKind.Float64);
    public static GoType Error => Universe.Error;

    public static Var Field(Package? pkg, string name, GoType t, bool embedded = false) => Var.NewField(P, pkg, name, t, embedded);
    public static Var Param(string name, GoType t) => Var.NewParam(P, null, name, t);
    public static Var Param(Package? pkg, string name, GoType t) => Var.NewParam(P, pkg, name, t);
    public static Var Result(string name, GoType t) => Var.NewResult(P, null, name, t);
    public static Tuple Params(params GoType[] ts) => new([.. ts.Select(t => Param("", t))]);
    public static Tuple Results(params GoType[] ts) => new([.. ts.Select(t => Result("", t))]);
    public static Signature Func(Tuple ps, Tuple rs, bool variadic = false) => new(null, ps, rs, variadic);
    public static Signature Func(params GoType[] ps) => new(null, Params(ps), Tuple.Empty);

    public static Named DeclNamed(Package pkg, string name, GoType? underlying)
    {
        var obj = new TypeName(P, pkg, name, null);
        var n = new Named(obj, underlying);
        pkg.Scope.Insert(obj);
        return n;
    }

    public static TypeParam TParam(Package pkg, string name, GoType? constraint)
        => new(new TypeName(P, pkg, name, null), constraint);

    /// <summary>Declares method name on recv type (pointer receiver if ptr).</summary>
    public static Func Method(Named recvType, string name, bool ptr, Tuple ps, Tuple rs, bool variadic = false, params TypeParam[] rparams)
    {
        var pkg = recvType.Obj.Pkg;
        GoType rt = recvType;
        if (rparams.Length > 0) rt = Instantiated(recvType, [.. rparams]);
        var recv = new Var(VarKind.RecvVar, P, pkg, "", ptr ? new Pointer(rt) : rt);
        var sig = new Signature(recv, rparams.Length > 0 ? rparams : null, null, ps, rs, variadic);
        var f = new Func(P, pkg, name, sig);
        recvType.AddMethod(f);
        return f;
    }

    public static GoType Instantiated(GoType orig, params GoType[] targs) => GoTypes.Instantiate(null, orig, targs, false);

    public static Func IMethod(Package? pkg, string name, Tuple ps, Tuple rs) => new(P, pkg, name, new Signature(null, ps, rs));
}
