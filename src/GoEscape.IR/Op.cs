namespace GoEscape.IR;

/// <summary>
/// Node kinds, named after gc's ir.Op (cmd/compile/internal/ir/node.go). Only the ops that
/// survive typecheck and are observed by escape analysis or the -m printer are listed.
/// </summary>
public enum Op : byte
{
    OXXX,
    // names and literals
    ONAME, ONONAME, OTYPE, OLITERAL, ONIL,
    // expressions
    OADD, OSUB, OOR, OXOR, OADDSTR, OADDR, OANDAND, OAPPEND,
    OBYTES2STR, OBYTES2STRTMP, ORUNES2STR, OSTR2BYTES, OSTR2BYTESTMP, OSTR2RUNES,
    OSLICE2ARR, OSLICE2ARRPTR,
    OAS, OAS2, OAS2DOTTYPE, OAS2FUNC, OAS2MAPR, OAS2RECV, OASOP,
    OCALL, OCALLFUNC, OCALLMETH, OCALLINTER,
    OCAP, OCLEAR, OCLOSE, OCLOSURE,
    OCOMPLIT, OMAPLIT, OSTRUCTLIT, OARRAYLIT, OSLICELIT, OPTRLIT,
    OCONV, OCONVIFACE, OCONVNOP,
    OCOPY, ODCL, ODCLFUNC,
    ODELETE, ODOT, ODOTPTR, ODOTMETH, ODOTINTER, OXDOT, ODOTTYPE, ODOTTYPE2,
    OEQ, ONE, OLT, OLE, OGE, OGT,
    ODEREF, OINDEX, OINDEXMAP, OKEY, OSTRUCTKEY,
    OLEN, OMAKE, OMAKECHAN, OMAKEMAP, OMAKESLICE, OMAKESLICECOPY,
    OMUL, ODIV, OMOD, OLSH, ORSH, OAND, OANDNOT,
    ONEW, ONOT, OBITNOT, OPLUS, ONEG, OOROR, OPANIC, OPRINT, OPRINTLN, OPAREN,
    OSEND, OSLICE, OSLICEARR, OSLICESTR, OSLICE3, OSLICE3ARR, OSLICEHEADER, OSTRINGHEADER,
    ORECOVER, ORECV, ORUNESTR, OSELRECV2,
    OMIN, OMAX, OREAL, OIMAG, OCOMPLEX,
    OUNSAFEADD, OUNSAFESLICE, OUNSAFESLICEDATA, OUNSAFESTRING, OUNSAFESTRINGDATA,
    OMETHEXPR, OMETHVALUE,
    // statements
    OBLOCK, OBREAK, OCASE, OCONTINUE, ODEFER, OFALL, OFOR, OGOTO, OIF, OLABEL, OGO,
    ORANGE, ORETURN, OSELECT, OSWITCH, OTYPESW,
    // misc / lowered forms
    OINLCALL, OMAKEFACE, OITAB, OIDATA, OSPTR, OCFUNC, OCHECKNIL, ORESULT,
    OINLMARK, OLINKSYMOFFSET, OJUMPTABLE, OINTERFACESWITCH,
    ODYNAMICDOTTYPE, ODYNAMICDOTTYPE2, ODYNAMICTYPE,
    OTAILCALL, OGETG, OGETCALLERSP,
}

/// <summary>Static facts about ops: gc's OpNames (ir/fmt.go) and OpPrec.</summary>
public static class OpInfo
{
    /// <summary>Go syntax of the op ("+", "len", ...); the op's enum name otherwise (models ir.Op.GoString/Format %v).</summary>
    public static string Name(Op op) => op switch
    {
        Op.OADDR => "&", Op.OADD => "+", Op.OADDSTR => "+", Op.OANDAND => "&&", Op.OANDNOT => "&^",
        Op.OAND => "&", Op.OAPPEND => "append", Op.OAS => "=", Op.OAS2 => "=", Op.OBREAK => "break",
        Op.OCALL => "function call", Op.OCAP => "cap", Op.OCASE => "case", Op.OCLEAR => "clear",
        Op.OCLOSE => "close", Op.OCOMPLEX => "complex", Op.OBITNOT => "^", Op.OCONTINUE => "continue",
        Op.OCOPY => "copy", Op.ODELETE => "delete", Op.ODEFER => "defer", Op.ODIV => "/", Op.OEQ => "==",
        Op.OFALL => "fallthrough", Op.OFOR => "for", Op.OGE => ">=", Op.OGOTO => "goto", Op.OGT => ">",
        Op.OIF => "if", Op.OIMAG => "imag", Op.OINLMARK => "inlmark", Op.ODEREF => "*", Op.OLEN => "len",
        Op.OLE => "<=", Op.OLSH => "<<", Op.OLT => "<", Op.OMAKE => "make", Op.ONEG => "-", Op.OMAX => "max",
        Op.OMIN => "min", Op.OMOD => "%", Op.OMUL => "*", Op.ONEW => "new", Op.ONE => "!=", Op.ONOT => "!",
        Op.OOROR => "||", Op.OOR => "|", Op.OPANIC => "panic", Op.OPLUS => "+", Op.OPRINTLN => "println",
        Op.OPRINT => "print", Op.ORANGE => "range", Op.OREAL => "real", Op.ORECV => "<-",
        Op.ORECOVER => "recover", Op.ORETURN => "return", Op.ORSH => ">>", Op.OSELECT => "select",
        Op.OSEND => "<-", Op.OSUB => "-", Op.OSWITCH => "switch", Op.OUNSAFEADD => "unsafe.Add",
        Op.OUNSAFESLICE => "unsafe.Slice", Op.OUNSAFESLICEDATA => "unsafe.SliceData",
        Op.OUNSAFESTRING => "unsafe.String", Op.OUNSAFESTRINGDATA => "unsafe.StringData", Op.OXOR => "^",
        _ => op.ToString()[1..],
    };

    /// <summary>Printing precedence (models ir.OpPrec); -1 for statements, 0 when unknown.</summary>
    public static int Prec(Op op) => op switch
    {
        Op.OAPPEND or Op.OBYTES2STR or Op.OARRAYLIT or Op.OSLICELIT or Op.ORUNES2STR or Op.OCALLFUNC
            or Op.OCALLINTER or Op.OCALLMETH or Op.OCALL or Op.OCAP or Op.OCLEAR or Op.OCLOSE or Op.OCOMPLIT
            or Op.OCONVIFACE or Op.OCONVNOP or Op.OCONV or Op.OCOPY or Op.ODELETE or Op.OGETG or Op.OLEN
            or Op.OLITERAL or Op.OMAKESLICE or Op.OMAKESLICECOPY or Op.OMAKE or Op.OMAPLIT or Op.OMAX
            or Op.OMIN or Op.ONAME or Op.ONEW or Op.ONIL or Op.ONONAME or Op.OPANIC or Op.OPAREN
            or Op.OPRINTLN or Op.OPRINT or Op.ORUNESTR or Op.OSLICE2ARR or Op.OSLICE2ARRPTR or Op.OSTR2BYTES
            or Op.OSTR2RUNES or Op.OSTRUCTLIT or Op.OTYPE or Op.OUNSAFEADD or Op.OUNSAFESLICE
            or Op.OUNSAFESLICEDATA or Op.OUNSAFESTRING or Op.OUNSAFESTRINGDATA or Op.OINDEXMAP or Op.OINDEX
            or Op.OSLICE or Op.OSLICESTR or Op.OSLICEARR or Op.OSLICE3 or Op.OSLICE3ARR or Op.OSLICEHEADER
            or Op.OSTRINGHEADER or Op.ODOTINTER or Op.ODOTMETH or Op.ODOTPTR or Op.ODOTTYPE2 or Op.ODOTTYPE
            or Op.ODOT or Op.OXDOT or Op.OMETHVALUE or Op.OMETHEXPR => 8,
        Op.OPLUS or Op.ONOT or Op.OBITNOT or Op.ONEG or Op.OADDR or Op.ODEREF or Op.ORECV => 7,
        Op.OMUL or Op.ODIV or Op.OMOD or Op.OLSH or Op.ORSH or Op.OAND or Op.OANDNOT => 6,
        Op.OADD or Op.OSUB or Op.OOR or Op.OXOR => 5,
        Op.OEQ or Op.OLT or Op.OLE or Op.OGE or Op.OGT or Op.ONE => 4,
        Op.OSEND => 3,
        Op.OANDAND => 2,
        Op.OOROR => 1,
        Op.OAS or Op.OAS2 or Op.OAS2DOTTYPE or Op.OAS2FUNC or Op.OAS2MAPR or Op.OAS2RECV or Op.OASOP
            or Op.OBLOCK or Op.OBREAK or Op.OCASE or Op.OCONTINUE or Op.ODCL or Op.ODEFER or Op.OFALL
            or Op.OFOR or Op.OGOTO or Op.OIF or Op.OLABEL or Op.OGO or Op.ORANGE or Op.ORETURN
            or Op.OSELECT or Op.OSWITCH => -1,
        _ => 0,
    };

    public static bool IsSlice3(Op op) => op is Op.OSLICE3 or Op.OSLICE3ARR;
}
