using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace RectifyBot.Store;

/// <summary>
/// A query compiled with EF.CompileAsyncQuery, once for each model it runs against. Compiled, a fixed query skips
/// EF's work on every call (finding it in the query cache by comparing expression trees), which costs more than
/// SQLite's keyed lookup it asks for. But a compiled query serves one model, and one process can open stores of
/// both providers (the tests do).
/// </summary>
internal sealed class Compiled<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    public TQuery For(RectifyDbContext db) =>
        _byModel.TryGetValue(db.Model, out var query) ? query : _byModel.GetValue(db.Model, _ => compile());
}
