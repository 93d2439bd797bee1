using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using UnitName = RectifyBot.Conversation.Understanding.UnitName;
using UnitNameResolver = RectifyBot.Conversation.Understanding.UnitNameResolver;
using UnitFound = RectifyBot.Conversation.Understanding.UnitFound;
using UnitAmbiguous = RectifyBot.Conversation.Understanding.UnitAmbiguous;
using UnitUnknown = RectifyBot.Conversation.Understanding.UnitUnknown;
using RectifyBot.Domain;
using RectifyBot.Rectification;
using RectifyBot.Store;
using Spectre.Console;

namespace RectifyBot.Cli.Commands;

/// <summary>rectifybot measures … and rectifybot measure N: the read side from a terminal.</summary>
internal static class MeasureCommands
{
    public static Command List(CliContext cli)
    {
        var unit = new Option<string?>("--unit") { Description = "单位名称或别名：该单位牵头或认领的措施" };
        var overdue = new Option<bool>("--overdue") { Description = "只看逾期的" };
        var dueWithin = new Option<int?>("--due-within") { Description = "今后N天内到期的（含今天）" };
        var status = new Option<string?>("--status") { Description = "状态：NotStarted/InProgress/Done/Ongoing/Closed，或 未启动/推进中/已完成/长期坚持/已销号" };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "按哪一天计算逾期（yyyy-MM-dd，默认今天）" };
        var inspection = new Option<int?>("--inspection") { Description = "只看某次巡察（编号）" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出" };
        var command = new Command("measures", "列出整改措施：按单位、逾期、到期、状态筛选") { unit, overdue, dueWithin, status, asOf, inspection, json };
        command.SetAction(async (parse, ct) =>
        {
            MeasureStatus? wanted = null;
            if (parse.GetValue(status) is { } s)
            {
                wanted = MeasureStatusRules.Parse(s);
                if (wanted is null)
                {
                    return cli.Fail($"无法识别状态“{s}”。可用：未启动、推进中、已完成、长期坚持、已销号。");
                }
            }
            if (parse.GetValue(dueWithin) is < 0)
            {
                return cli.Fail("--due-within 应为不小于0的天数。");
            }
            await using var scope = await cli.OpenAsync(parse, ct);
            var sp = scope.ServiceProvider;
            var today = parse.GetValue(asOf) ?? sp.GetRequiredService<OrganisationClock>().Today;
            int? unitId = null;
            if (parse.GetValue(unit) is { } unitName)
            {
                // The same reading of unit names as in chat: aliases, abbreviations (社事科) and near misses.
                var units = (await sp.GetRequiredService<UnitDirectory>().AllAsync(ct)).Select(u => new UnitName(u.Id, u.Name, u.Aliases)).ToList();
                switch (UnitNameResolver.For(units).Resolve(unitName.Trim()))
                {
                    case UnitFound found:
                        unitId = found.Unit.Id;
                        break;
                    case UnitAmbiguous ambiguous:
                        return cli.Fail($"“{unitName}”可能是{string.Join("、", ambiguous.Candidates.Select(c => c.Name))}，请写全称。");
                    case UnitUnknown { Nearest.Count: > 0 } unknown:
                        return cli.Fail($"没有名为“{unitName}”的单位。您是不是要找：{string.Join("、", unknown.Nearest.Select(n => n.Name))}？");
                    default:
                        return cli.Fail($"没有名为“{unitName}”的单位。用 rectifybot units 查看全部单位。");
                }
            }
            var filter = new MeasureFilter
            {
                InspectionId = parse.GetValue(inspection),
                UnitId = unitId,
                OverdueOnly = parse.GetValue(overdue),
                DueBetween = parse.GetValue(dueWithin) is { } days ? (today, today.AddDays(days)) : null,
                Status = wanted,
                Limit = int.MaxValue,
            };
            var measures = await sp.GetRequiredService<MeasureQueries>().ListAsync(filter, today, ct);
            if (parse.GetValue(json))
            {
                cli.Output.WriteLine(RectifyJson.Serialize(measures));
                return 0;
            }
            WriteTable(cli, measures, today);
            return 0;
        });
        return command;
    }

    public static Command Show(CliContext cli)
    {
        var number = new Argument<string>("number") { Description = "措施编号：51、（51）、第51项、五十一" };
        var inspection = new Option<int?>("--inspection") { Description = "巡察编号（默认最近导入的一次）" };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "按哪一天计算逾期（yyyy-MM-dd，默认今天）" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出" };
        var command = new Command("measure", "查看一项措施的全部情况") { number, inspection, asOf, json };
        command.SetAction(async (parse, ct) =>
        {
            var raw = parse.GetValue(number)!;
            if (ParseNumber(raw) is not { } n)
            {
                return cli.Fail($"“{raw}”不是措施编号。例如：rectifybot measure 51");
            }
            await using var scope = await cli.OpenAsync(parse, ct);
            var sp = scope.ServiceProvider;
            var queries = sp.GetRequiredService<MeasureQueries>();
            if (await queries.DefaultInspectionIdAsync(parse.GetValue(inspection), ct) is not { } inspectionId)
            {
                return cli.Fail(CliContext.NoPlan);
            }
            var today = parse.GetValue(asOf) ?? sp.GetRequiredService<OrganisationClock>().Today;
            var detail = await queries.GetAsync(inspectionId, n, today, ct);
            if (detail is null)
            {
                return cli.Fail(MeasureQueries.NoSuchMeasure(n, await queries.NumberRangeAsync(inspectionId, ct)));
            }
            if (parse.GetValue(json))
            {
                cli.Output.WriteLine(RectifyJson.Serialize(detail));
                return 0;
            }
            WriteDetail(cli, detail);
            return 0;
        });
        return command;
    }

    public static Command Stats(CliContext cli)
    {
        var inspection = new Option<int?>("--inspection") { Description = "只统计某次巡察" };
        var asOf = new Option<DateOnly?>("--as-of") { Description = "按哪一天计算逾期（yyyy-MM-dd，默认今天）" };
        var json = new Option<bool>("--json") { Description = "以 JSON 输出" };
        var command = new Command("stats", "整体进度：按状态、按单位、逾期数、完成率") { inspection, asOf, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var scope = await cli.OpenAsync(parse, ct);
            var sp = scope.ServiceProvider;
            var today = parse.GetValue(asOf) ?? sp.GetRequiredService<OrganisationClock>().Today;
            var stats = await sp.GetRequiredService<MeasureQueries>().StatsAsync(parse.GetValue(inspection), today, ct);
            if (parse.GetValue(json))
            {
                cli.Output.WriteLine(RectifyJson.Serialize(stats));
                return 0;
            }
            cli.Console.MarkupLine(Markup.Escape(RectifyBot.Conversation.ReplyFormat.Totals(stats)));
            cli.Console.MarkupLine(Markup.Escape(string.Join("  ", stats.ByStatus.Select(kv => $"{kv.Key.ToChinese()} {kv.Value}"))));
            var rows = RectifyBot.Conversation.ReplyFormat.StatsTable(stats);
            var table = new Table().AddColumns(rows.Headers.ToArray());
            foreach (var row in rows.Rows)
            {
                table.AddRow(row.Select(Markup.Escape).ToArray());
            }
            cli.Console.Write(table);
            if (RectifyBot.Conversation.ReplyFormat.SharedNote(stats) is { } note)
            {
                cli.Console.MarkupLine(Markup.Escape(note));
            }
            return 0;
        });
        return command;
    }

    internal static int? ParseNumber(string raw)
    {
        var digits = new string(raw.Where(c => Text.ChineseNumber.IsNumeralChar(c)).ToArray());
        return Text.ChineseNumber.Parse(digits) is { } n and > 0 ? n : null;
    }

    private static void WriteTable(CliContext cli, IReadOnlyList<MeasureSummary> measures, DateOnly today)
    {
        if (measures.Count == 0)
        {
            cli.Console.MarkupLine("没有符合条件的措施。");
            return;
        }
        cli.Console.MarkupLine(Markup.Escape($"共{measures.Count}项（截至{today:yyyy-MM-dd}）"));
        var table = new Table().AddColumns("编号", "措施", "牵头单位", "完成时限", "状态", "逾期天数");
        foreach (var m in measures)
        {
            table.AddRow(
                m.Number.ToString(),
                Markup.Escape(Shorten(m.Text, 30)),
                Markup.Escape(string.Join("、", m.LeadUnits)),
                Markup.Escape(m.DueDate?.ToString("yyyy-MM-dd") ?? "未定"),
                Markup.Escape(m.Status.ToChinese()),
                m.DaysOverdue > 0 ? m.DaysOverdue.ToString() : "");
        }
        cli.Console.Write(table);
    }

    private static void WriteDetail(CliContext cli, MeasureDetail d) => cli.Output.WriteLine(RectifyBot.Conversation.ReplyFormat.Detail(d));

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
