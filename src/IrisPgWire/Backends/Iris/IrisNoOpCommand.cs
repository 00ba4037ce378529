using System.Data;
using System.Data.Common;
using IrisPgWire.Backends.Remote;

namespace IrisPgWire.Backends.Iris;

/// <summary>
/// A command that sends nothing and returns an empty result without columns: what CREATE TABLE IF NOT EXISTS
/// and DROP TABLE IF EXISTS become when there is nothing to do (the session still answers with their command tag).
/// </summary>
internal sealed class IrisNoOpCommand : DbCommand
{
    private readonly DbCommand _parametersOwner;

    private IrisNoOpCommand(DbCommand parametersOwner) => _parametersOwner = parametersOwner;

    public static DbCommand Create(RemoteConnection connection) => new IrisNoOpCommand(connection.Connection.CreateCommand())
    {
        Connection = connection.Connection,
        Transaction = connection.Transaction,
    };

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string CommandText { get; set; } = "";

    public override int CommandTimeout { get; set; }

    public override CommandType CommandType { get; set; } = CommandType.Text;

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection { get; set; }

    protected override DbParameterCollection DbParameterCollection => _parametersOwner.Parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel()
    {
    }

    public override int ExecuteNonQuery() => 0;

    public override object? ExecuteScalar() => null;

    public override void Prepare()
    {
    }

    protected override DbParameter CreateDbParameter() => _parametersOwner.CreateParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        using var empty = new DataTable();
        return empty.CreateDataReader();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _parametersOwner.Dispose();
        base.Dispose(disposing);
    }
}
