using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using RectifyBot.Tests.TestData;

namespace RectifyBot.Tests.Rectification;

/// <summary>Uploads: who may is checked before the file is written, and a refused upload leaves no file behind.</summary>
public class EvidenceUploadTests
{
    private static string[] FilesUnder(TestStore store) =>
        Directory.Exists(Path.Combine(store.DataPath, "evidence"))
            ? Directory.GetFiles(Path.Combine(store.DataPath, "evidence"), "*", SearchOption.AllDirectories)
            : [];

    [Theory, ClassData(typeof(StoreProviders))]
    public async Task Refused_uploads_leave_nothing_and_an_accepted_one_is_in_place(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider, settings: new Dictionary<string, string?> { ["Evidence:MaxBytes"] = "10" });
        int inspection;
        await using (var db = store.NewContext())
        {
            inspection = (await new PlanBuilder().ConversationsRoster().Measure(51, lead: "社会事务科", due: "2023-12-31").SaveAsync(db)).Id;
        }
        await using var scope = store.Scope();
        var flow = scope.ServiceProvider.GetRequiredService<MeasureWorkflow>();
        Actor Of(string name) => Actor.From(scope.ServiceProvider.GetRequiredService<RectifyDbContext>().Staff.Include(s => s.Unit).Single(s => s.Name == name));

        var notOurs = await flow.AddEvidenceAsync(Of("王强"), inspection, 51, "照片.jpg", null, new MemoryStream([1, 2, 3]), "test", default);
        Assert.StartsWith("第51项不是社会救助科负责的措施", notOurs.Message);
        var noSuch = await flow.AddEvidenceAsync(Of("李娜"), inspection, 999, "照片.jpg", null, new MemoryStream([1, 2, 3]), "test", default);
        Assert.False(noSuch.Ok);
        var tooLarge = await flow.AddEvidenceAsync(Of("李娜"), inspection, 51, "照片.jpg", null, new NonSeekable(new byte[11]), "test", default);
        Assert.StartsWith("文件超过", tooLarge.Message);
        Assert.Empty(FilesUnder(store));

        var kept = await flow.AddEvidenceAsync(Of("李娜"), inspection, 51, "照片.jpg", null, new MemoryStream([1, 2, 3]), "test", default);
        Assert.True(kept.Ok, kept.Message);
        var file = Assert.Single(FilesUnder(store));
        await using var db2 = store.NewContext();
        Assert.Equal(Path.Combine(store.DataPath, (await db2.Evidence.SingleAsync()).StoredPath), file);

        // The same file again is refused as a duplicate; its temporary copy goes too.
        var twice = await flow.AddEvidenceAsync(Of("李娜"), inspection, 51, "照片2.jpg", null, new MemoryStream([1, 2, 3]), "test", default);
        Assert.False(twice.Ok);
        Assert.Single(FilesUnder(store));
    }

    [Fact]
    public async Task A_file_sent_before_its_measure_is_named_is_kept_aside_until_then()
    {
        await using var world = await WorkflowWorld.CreateAsync();
        var asked = await world.SayAsync("王强", null, WorkflowWorld.File("纪要.pdf", [4, 5, 6]));
        Assert.StartsWith("收到“纪要.pdf”。这是哪一项措施的佐证材料", asked.Reply.Text);
        var refused = await world.SayAsync("王强", "51");
        Assert.StartsWith("第51项不是社会救助科负责的措施", refused.Reply.Text);
        var evidence = Path.Combine(world.Store.DataPath, "evidence");
        Assert.Empty(Directory.GetFiles(evidence, "*", SearchOption.AllDirectories));
    }

    /// <summary>A phone upload whose length is not known before it is read.</summary>
    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
