using System.Runtime.InteropServices;
using SQLitePCL;

namespace IrisPgWire.Backends.Sqlite;

/// <summary>
/// The few SQLite C functions COPY calls once per value (binding on the way in, reading columns on the
/// way out), bound directly to the e_sqlite3 library that SQLitePCLRaw ships. SQLitePCLRaw's own
/// wrappers take and release a SafeHandle and go through a provider interface on every call, which on
/// a bulk load cost more than the binding itself; these take
/// the statement's raw handle, which stays valid while its <see cref="sqlite3_stmt"/> is alive.
/// Functions that return at once and never call back into .NET skip the GC transition.
/// </summary>
internal static class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_STATIC: SQLite reads the bytes where they are, until the parameter is bound again.</summary>
    private static readonly IntPtr Static = IntPtr.Zero;

    /// <summary>
    /// Binds text without SQLite copying it: only for bytes at a fixed address (a pinned array, as
    /// <see cref="BulkRowBatch.Utf8"/> gives) that stay unchanged until the statement has been stepped.
    /// </summary>
    public static int BindPinnedText(IntPtr statement, int index, ReadOnlySpan<byte> utf8) =>
        sqlite3_bind_text(statement, index, ref MemoryMarshal.GetReference(utf8.IsEmpty ? EmptyText : utf8), utf8.Length, Static);

    /// <summary>A zero-length text needs a non-null pointer, or SQLite binds NULL.</summary>
    private static ReadOnlySpan<byte> EmptyText => [0];

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern int sqlite3_bind_text(IntPtr statement, int index, ref byte utf8, int length, IntPtr destructor);

    [DllImport(Library, EntryPoint = "sqlite3_bind_int64", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int BindInt64(IntPtr statement, int index, long value);

    [DllImport(Library, EntryPoint = "sqlite3_bind_double", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int BindDouble(IntPtr statement, int index, double value);

    [DllImport(Library, EntryPoint = "sqlite3_bind_null", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int BindNull(IntPtr statement, int index);

    [DllImport(Library, EntryPoint = "sqlite3_step", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    public static extern int Step(IntPtr statement);

    [DllImport(Library, EntryPoint = "sqlite3_reset", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int Reset(IntPtr statement);

    /// <summary>
    /// The bytes of a value as text (SQLite converts a number to its text form); valid until the
    /// statement is stepped, reset or finalized, or the value is read in another form.
    /// </summary>
    public static unsafe ReadOnlySpan<byte> ValueUtf8(IntPtr value)
    {
        var text = sqlite3_value_text(value);
        // value_bytes after value_text gives the length of that text form (SQLite's documented order).
        return text == IntPtr.Zero ? default : new ReadOnlySpan<byte>((void*)text, sqlite3_value_bytes(value));
    }

    /// <summary>
    /// A column of the current row as SQLite's value object, which the Value functions read without the
    /// per-call checks of the Column functions. SQLite calls it unprotected: safe while one thread uses the
    /// connection, which a session's COPY does; valid until the statement is stepped, reset or finalized.
    /// </summary>
    [DllImport(Library, EntryPoint = "sqlite3_column_value", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern IntPtr ColumnValue(IntPtr statement, int column);

    [DllImport(Library, EntryPoint = "sqlite3_value_type", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int ValueType(IntPtr value);

    [DllImport(Library, EntryPoint = "sqlite3_value_int64", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern long ValueInt64(IntPtr value);

    [DllImport(Library, EntryPoint = "sqlite3_value_double", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern double ValueDouble(IntPtr value);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern IntPtr sqlite3_value_text(IntPtr value);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern int sqlite3_value_bytes(IntPtr value);
}
