using System.Text;
using System.Text.RegularExpressions;
using RectifyBot.Text;

namespace RectifyBot.Import;

/// <summary>
/// Builds the Aspect → Problem → Finding → Measure tree from the lines of a plan's problem list.
/// Which numbering form is which level is decided per document: （1） 1） ① are always measures; 1. is a
/// problem heading when something sits beneath it, and numbers measures when it only appears under an
/// "整改措施" heading or has nothing beneath it; （一） is the aspect above 1. problems, or the problem itself
/// when there is no 1. level, and the aspect above 一是 problems whose measures are 1. lines; 一、 is an aspect only where the document has no section wrapping its problem
/// list, and a level above the aspect is ignored. A problem without 一是 findings gets
/// one finding carrying the problem's own text, and a plan without aspects one aspect with an empty title.
/// </summary>
internal sealed partial class PlanTreeBuilder
{
    private readonly List<AspectDraft> aspects = [];
    private readonly List<string> warnings = [];
    private readonly MarkerKind problemKind;
    private readonly MarkerKind? aspectKind;
    private readonly bool arabicIsHeading;
    private readonly List<MarkerKind> outerKinds;
    private AspectDraft? aspect;
    private ProblemDraft? problem;
    private FindingDraft? finding;
    private MeasureBlock block = MeasureBlock.Closed;
    private int lastOrdinalMeasure;
    private bool circledSteps;
    private bool parenChineseMeasures;


    private enum MeasureBlock { Closed, Open, Numbered, Ordinals, Unnumbered }

    private PlanTreeBuilder(MarkerKind problemKind, MarkerKind? aspectKind, bool arabicIsHeading, List<MarkerKind> outerKinds)
    {
        this.problemKind = problemKind;
        this.aspectKind = aspectKind;
        this.arabicIsHeading = arabicIsHeading;
        this.outerKinds = outerKinds;
    }

    public static (List<AspectDraft> Aspects, List<string> Warnings) Build(IReadOnlyList<string> lines, bool sectionsAreAspects)
    {
        var headings = HeadingKinds(lines, sectionsAreAspects, out var circledSteps, out var parenChineseMeasures);
        var builder = new PlanTreeBuilder(
            headings.Count > 0 ? headings[^1] : MarkerKind.None,
            headings.Count > 1 ? headings[^2] : null,
            headings.Contains(MarkerKind.Arabic),
            headings.Count > 2 ? headings[..^2] : [])
        { circledSteps = circledSteps, parenChineseMeasures = parenChineseMeasures };
        foreach (var line in lines)
        {
            builder.Add(line);
        }
        return (builder.aspects, builder.warnings);
    }

    /// <summary>A numbered line that reads as a measure: it names its units or deadline ("（责任股室：办公室；时限：…）", "由X牵头").</summary>
    private static bool IsMeasureLike(string text) =>
        FieldLabel.FindInline(text).Any(f => f.Kind is FieldKind.Deadline or FieldKind.LeadUnit or FieldKind.ResponsibleUnit) || text.StartsWith('由');

    private static List<MarkerKind> HeadingKinds(IReadOnlyList<string> lines, bool sectionsAreAspects, out bool circledSteps, out bool parenChineseMeasures)
    {
        // "（一）倒排工期抓进度。… / 牵头：…，配合：… / 时限：…": （一） items that name their own units or deadline, with nothing
        // numbered under them and no 整改措施 label, are the measures of a plan for one problem, not its problems.
        int parenItems = 0, parenFielded = 0;
        bool? itemFielded = null;
        bool otherNumbers = false;
        void CloseItem()
        {
            parenFielded += itemFielded == true ? 1 : 0;
            itemFielded = null;
        }
        bool section = false, parenChinese = false, arabic = false, arabicOutsideMeasures = false, parenArabic = false, ordinals = false;
        bool measureHeadings = false, underMeasures = false, circled = false, arabicMeasures = false, problemWord = false;
        bool ordinalOpensAspect = false, arabicUnderOrdinal = false, parenMeasures = false;
        int arabicLines = 0, arabicHolding = 0;
        var previous = MarkerKind.None;
        foreach (var line in lines)
        {
            var marker = LineMarker.Read(line);
            var kind = marker.Kind;
            ordinalOpensAspect |= kind == MarkerKind.Ordinal && previous == MarkerKind.ParenChinese;
            arabicUnderOrdinal |= kind == MarkerKind.Arabic && previous == MarkerKind.Ordinal;
            previous = kind == MarkerKind.None ? previous : kind;
            if (kind is MarkerKind.ParenChinese or MarkerKind.Section)
            {
                CloseItem();
                parenItems += kind == MarkerKind.ParenChinese ? 1 : 0;
                itemFielded = kind == MarkerKind.ParenChinese ? IsMeasureLike(marker.Rest) : null;
                // "（一）…不规范。整改措施：一是…；二是…。（责任人：…）": a problem holding its own measures.
                otherNumbers |= kind == MarkerKind.ParenChinese
                    && (InlineMeasures().IsMatch(marker.Rest) || InlineFindings().IsMatch(marker.Rest) || InlineCircled(marker.Rest).Success);
            }
            else if (kind == MarkerKind.None && itemFielded == false)
            {
                itemFielded = FieldLabel.ReadAll(line).Any(f => f.Kind is FieldKind.Deadline or FieldKind.LeadUnit or FieldKind.ResponsibleUnit) || IsMeasureLike(line);
            }
            otherNumbers |= kind is MarkerKind.Arabic or MarkerKind.ParenArabic or MarkerKind.Ordinal or MarkerKind.Problem
                || (kind == MarkerKind.None && FieldLabel.Read(line)?.Kind is FieldKind.Measures or FieldKind.Finding);
            section |= kind == MarkerKind.Section;
            parenChinese |= kind == MarkerKind.ParenChinese;
            parenArabic |= kind == MarkerKind.ParenArabic && !LineMarker.IsCircled(line);
            circled |= kind == MarkerKind.ParenArabic && LineMarker.IsCircled(line);
            parenMeasures |= kind == MarkerKind.ParenArabic && !LineMarker.IsCircled(line) && IsMeasureLike(marker.Rest);
            arabicMeasures |= kind == MarkerKind.Arabic && IsMeasureLike(marker.Rest);
            arabicLines += kind == MarkerKind.Arabic ? 1 : 0;
            arabicHolding += kind == MarkerKind.Arabic && InlineMeasures().IsMatch(marker.Rest) ? 1 : 0;
            ordinals |= kind == MarkerKind.Ordinal;
            arabic |= kind == MarkerKind.Arabic;
            arabicOutsideMeasures |= kind == MarkerKind.Arabic && !underMeasures;
            problemWord |= kind == MarkerKind.Problem;
            if (kind is MarkerKind.Section or MarkerKind.ParenChinese or MarkerKind.Problem)
            {
                underMeasures = false;
            }
            else if (kind == MarkerKind.None && FieldLabel.Read(line)?.Kind == FieldKind.Measures)
            {
                underMeasures = measureHeadings = true;
            }
        }
        CloseItem();
        parenChineseMeasures = !otherNumbers && parenFielded >= 2 && parenFielded * 3 >= parenItems * 2;
        parenChinese &= !parenChineseMeasures;
        // 1. heads problems when （1） measures exist, or when 1. lines outside "整改措施" have findings or
        // measure headings beneath them; bare 1. lines under （一） are the measures themselves.
        // ① lines under 1. lines that carry their own units or deadline are the steps of those measures, not measures.
        circledSteps = circled && arabic && !parenArabic && arabicMeasures;
        // "（一）…方面 / （1）problem / 整改措施： / ①…": with no 1. level, （1） heads problems and ① numbers their measures
        // (not where （1） lines name their own units: then ① are their steps).
        var parenProblems = parenArabic && circled && !arabic && !parenMeasures && !problemWord;
        parenArabic |= circled && !circledSteps;
        // Under "问题1：" headings, 1. numbers their measures.
        // "（一）…方面 / 一是…（problem） / 1.…（责任单位：…）": 一是 opens each aspect's problems and 1. numbers their measures.
        var ordinalProblems = ordinalOpensAspect && arabicUnderOrdinal && arabicMeasures && !parenArabic && !problemWord;
        // "1.林长制落实不到位。…整改措施：一是…；二是…。（牵头单位：…）": 1. lines that hold their own measures head problems.
        var arabicHeading = !problemWord && !ordinalProblems && ((arabic && parenArabic) || (arabicOutsideMeasures && (ordinals || measureHeadings))
            || (arabicHolding >= 2 && arabicHolding * 2 >= arabicLines));
        var kinds = new List<MarkerKind>();
        if (section && sectionsAreAspects)
        {
            kinds.Add(MarkerKind.Section);
        }
        if (parenChinese)
        {
            kinds.Add(MarkerKind.ParenChinese);
        }
        if (arabicHeading)
        {
            kinds.Add(MarkerKind.Arabic);
        }
        if (parenProblems)
        {
            kinds.Add(MarkerKind.ParenArabic);
        }
        if (problemWord)
        {
            kinds.Add(MarkerKind.Problem);
        }
        if (ordinalProblems)
        {
            kinds.Add(MarkerKind.Ordinal);
        }
        return kinds;
    }

    private void Add(string line)
    {
        var marker = LineMarker.Read(line);
        if (marker.Kind != MarkerKind.None && outerKinds.Contains(marker.Kind))
        {
            // A level above the aspect (一、 over （一） over 1.) only groups aspects.
            return;
        }
        if (marker.Kind != MarkerKind.None && marker.Kind == aspectKind)
        {
            aspect = new AspectDraft(marker.Ordinal, TrimEnd(marker.Rest));
            aspects.Add(aspect);
            problem = null;
            finding = null;
            block = MeasureBlock.Closed;
        }
        else if (marker.Kind != MarkerKind.None && marker.Kind == problemKind && !(problemKind == MarkerKind.ParenArabic && LineMarker.IsCircled(line)))
        {
            StartProblem(marker.Ordinal, marker.Rest);
        }
        else if (circledSteps && LineMarker.IsCircled(line))
        {
            AddText(line);
        }
        else if (marker.Kind == MarkerKind.Ordinal)
        {
            AddOrdinals(line);
        }
        // "①…。牵头：…；时限：…。②…。牵头：…": measures run on in one paragraph, each naming its units or deadline.
        else if (LineMarker.IsCircled(line) && InlineItems.SplitNumbers(line.Trim()) is [_, _, ..] items && items.All(i => IsMeasureLike(i.Text)))
        {
            AddMeasuresText(line.Trim());
        }
        else if (marker.Kind == MarkerKind.ParenArabic || (marker.Kind == MarkerKind.Arabic && !arabicIsHeading)
                 || (marker.Kind == MarkerKind.ParenChinese && parenChineseMeasures))
        {
            AddMeasure(marker.Ordinal, marker.Rest);
            block = MeasureBlock.Numbered;
        }
        else if (marker.Kind == MarkerKind.None && FieldLabel.ReadAll(line) is [_, ..] fields)
        {
            foreach (var field in fields)
            {
                AddField(field);
            }
        }
        // "（责任单位：X，配合单位：Y；完成时限：Z）" on a line of its own, after a problem's 一是…二是…: the fields of those
        // since the last fields that name no units of their own.
        else if (marker.Kind == MarkerKind.None && problem is not null && Unwrapped(line) is { } inner && FieldLabel.ReadAll(inner) is [_, ..] enclosed)
        {
            foreach (var field in enclosed)
            {
                problem.AddField(field, unnamedOnly: true);
            }
        }
        else if (marker.Kind == MarkerKind.None && Responsibility.ForGroup(line) is [_, ..] shared)
        {
            foreach (var field in shared)
            {
                AddField(field);
            }
        }
        else
        {
            AddText(line);
        }
    }

    private static string? Unwrapped(string line) =>
        line.Trim() is ['（' or '(', .. var inner, '）' or ')'] && inner.IndexOfAny(['（', '(', '）', ')']) < 0 ? inner : null;

    private void StartProblem(int ordinal, string text)
    {
        if (aspect is null)
        {
            aspect = new AspectDraft(1, "");
            aspects.Add(aspect);
        }
        // "1.…不到位。一是…。二是…。": findings written inline after the problem's own sentence; "（一）…不规范。存在…等问题。
        // 整改措施：一是…；二是…。（责任人：…）": or its measures, after their label or numbered ①②… (InlineCircled).
        var inline = InlineFindings().Match(text);
        var measures = inline.Success ? Match.Empty : InlineMeasures().Match(text) is { Success: true } labelled ? labelled : InlineCircled(text);
        var own = inline.Success ? text[..inline.Index] : measures.Success ? text[..measures.Index] : text;
        problem = new ProblemDraft(ordinal, ProblemTitle(own));
        problem.Text.Append(own);
        aspect.Problems.Add(problem);
        finding = null;
        block = MeasureBlock.Closed;
        if (inline.Success)
        {
            AddOrdinals(text[inline.Index..]);
        }
        else if (measures.Success)
        {
            AddField(new FieldLabel(FieldKind.Measures, text[(measures.Index + measures.Length)..].Trim()));
        }
    }

    [GeneratedRegex(@"(?<=[。；;])\s*(?:整改措施|整改举措|具体措施)\s*[:：]", RegexOptions.CultureInvariant)]
    private static partial Regex InlineMeasures();

    /// <summary>
    /// "一、…不高。①补齐…。责任人：…；时限：…。②…": the problem's measures run on after its sentence, each naming its units or
    /// deadline (points that name neither are the problem's own).
    /// </summary>
    private static Match InlineCircled(string text) =>
        CircledStart().Match(text) is { Success: true } m && InlineItems.SplitNumbers(text[m.Index..]) is [var first, ..] && IsMeasureLike(first.Text) ? m : Match.Empty;

    [GeneratedRegex(@"(?<=[。；;])\s*(?=①)", RegexOptions.CultureInvariant)]
    private static partial Regex CircledStart();

    [GeneratedRegex(@"(?<=[。；;])\s*一是", RegexOptions.CultureInvariant)]
    private static partial Regex InlineFindings();

    // A unit's own parenthesis may sit inside: "（责任单位：…；配合单位：各乡镇（街道）；完成时限：…）".
    [GeneratedRegex(@"(?<=[。；;]\s*)[（(](?<fields>(?:[^（）()]|[（(][^（）()]*[）)])*)[）)][。；;\s]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ClosingFields();

    private void AddOrdinals(string line)
    {
        var items = InlineItems.SplitOrdinals(line).ToList();
        var asMeasures = block is MeasureBlock.Open or MeasureBlock.Ordinals && items[0].Ordinal > lastOrdinalMeasure;
        // "一是…；二是…；三是…。（牵头单位：X；完成时限：…）": fields after the last measure's full stop close the line and
        // are each of its measures', when the others name none of their own; "…；二是…（牵头单位：X）。" are the last one's.
        var closing = asMeasures && items.Count > 1 && !items[..^1].Any(i => FieldLabel.FindInline(i.Text).Any())
            ? ClosingFields().Match(items[^1].Text)
            : Match.Empty;
        var shared = closing.Success ? FieldLabel.FindInline(closing.Groups["fields"].Value).ToList() : [];
        if (shared.Count > 0)
        {
            items[^1] = items[^1] with { Text = items[^1].Text[..closing.Index] };
        }
        foreach (var (ordinal, text) in items)
        {
            if (asMeasures)
            {
                AddMeasure(null, text).Fields.AddRange(shared);
                lastOrdinalMeasure = ordinal;
                block = MeasureBlock.Ordinals;
            }
            else
            {
                StartFinding(ordinal, text);
            }
        }
    }

    private void StartFinding(int ordinal, string text)
    {
        var owner = problem ?? ImplicitProblem();
        finding = new FindingDraft(ordinal, Implicit: false);
        finding.Text.Append(text);
        owner.Findings.Add(finding);
        block = MeasureBlock.Closed;
        lastOrdinalMeasure = 0;
    }

    private void AddField(FieldLabel field)
    {
        switch (field.Kind)
        {
            case FieldKind.Measures:
                block = MeasureBlock.Open;
                lastOrdinalMeasure = 0;
                AddMeasuresText(field.Value);
                break;
            case FieldKind.Finding:
                StartFinding((problem?.Findings.Count ?? 0) + 1, field.Value);
                break;
            default:
                if (problem is null)
                {
                    warnings.Add($"未能归入任何问题的内容：{field.Value}");
                    return;
                }
                problem.AddField(field);
                break;
        }
    }

    /// <summary>What follows "整改措施：" on the same line: 一是…二是…, 1.…2.…, or one unnumbered measure.</summary>
    private void AddMeasuresText(string text)
    {
        if (text.Length == 0)
        {
            return;
        }
        if (LineMarker.Read(text).Kind == MarkerKind.Ordinal)
        {
            AddOrdinals(text);
            return;
        }
        var numbered = InlineItems.SplitNumbers(text);
        if (numbered.Count > 0)
        {
            foreach (var (ordinal, item) in numbered)
            {
                AddMeasure(ordinal, item);
            }
            block = MeasureBlock.Numbered;
            return;
        }
        AddMeasure(null, text);
        block = MeasureBlock.Unnumbered;
    }

    private void AddText(string line)
    {
        if (block is MeasureBlock.Open or MeasureBlock.Unnumbered)
        {
            AddMeasure(null, line);
            block = MeasureBlock.Unnumbered;
        }
        else if (block != MeasureBlock.Closed && finding?.Measures.LastOrDefault() is { } last)
        {
            // "度机制，每月通报…；三是将…": a line the page cut goes on with the measure before, and may start the next.
            if (block == MeasureBlock.Ordinals && line.IndexOf($"{ChineseNumber.ToChinese(lastOrdinalMeasure + 1)}是", StringComparison.Ordinal) is > 0 and var next
                && "；;。".Contains(line[next - 1]))
            {
                last.Text.Append(line[..next]);
                AddOrdinals(line[next..]);
                return;
            }
            last.Text.Append(line);
        }
        else if (finding is { Implicit: false } && finding.Measures.Count == 0)
        {
            finding.Text.Append(line);
        }
        else if (problem is not null && problem.Findings.Count == 0)
        {
            problem.Text.Append(line);
        }
        else if (finding?.Measures.LastOrDefault() is { } previous)
        {
            previous.Text.Append(line);
        }
        else if (problem is not null || (aspect is not null && LineMarker.Read(line).Kind != MarkerKind.None))
        {
            warnings.Add($"未能归类的内容：{Shorten(line)}");
        }
    }

    private MeasureDraft AddMeasure(int? writtenNumber, string text)
    {
        var owner = problem ?? ImplicitProblem();
        if (finding is null)
        {
            finding = new FindingDraft(1, Implicit: true);
            owner.Findings.Add(finding);
        }
        var measure = new MeasureDraft(writtenNumber);
        measure.Text.Append(text);
        finding.Measures.Add(measure);
        owner.Track(measure);
        return measure;
    }

    private ProblemDraft ImplicitProblem()
    {
        warnings.Add("部分措施前没有问题标题，已归入一个未命名的问题。");
        StartProblem(1, "");
        return problem!;
    }

    private static string ProblemTitle(string text)
    {
        var title = TrimEnd(text);
        var sentenceEnd = title.IndexOf('。');
        title = sentenceEnd > 0 ? title[..sentenceEnd] : title;
        return QuotedHeading.Inner(title);
    }

    internal static string TrimEnd(string text) => text.Trim().TrimEnd('。', '；', ';', '：', ':');

    internal static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    internal sealed record AspectDraft(int Ordinal, string Title)
    {
        public List<ProblemDraft> Problems { get; } = [];
    }

    internal sealed record ProblemDraft(int Ordinal, string Title)
    {
        public StringBuilder Text { get; } = new();
        public List<FindingDraft> Findings { get; } = [];
        private readonly List<FieldLabel> leadingFields = [];
        private List<MeasureDraft> unlabelled = [];
        private List<MeasureDraft> lastLabelled = [];

        /// <summary>
        /// Fields before any measure apply to those that follow (<see cref="MeasureDraft.Inherited"/>); fields after
        /// measures apply to each measure since the last fields: "责任领导：…" over a problem, then a
        /// "牵头单位：…；完成时限：…" line under each of its measures.
        /// </summary>
        /// <remarks>
        /// <paramref name="unnamedOnly"/>: only those that name no units in their own text, or the last one when all do.
        /// </remarks>
        public void AddField(FieldLabel field, bool unnamedOnly = false)
        {
            if (unlabelled.Count > 0)
            {
                lastLabelled = unnamedOnly && unlabelled.Where(m => !m.NamesUnits).ToList() is [_, ..] unnamed ? unnamed
                    : unnamedOnly ? [unlabelled[^1]]
                    : unlabelled;
                unlabelled = [];
            }
            if (lastLabelled.Count == 0)
            {
                leadingFields.Add(field);
                return;
            }
            foreach (var measure in lastLabelled)
            {
                measure.Fields.Add(field);
            }
        }

        public void Track(MeasureDraft measure)
        {
            measure.Inherited.AddRange(leadingFields);
            unlabelled.Add(measure);
        }
    }

    internal sealed record FindingDraft(int Ordinal, bool Implicit)
    {
        public StringBuilder Text { get; } = new();
        public List<MeasureDraft> Measures { get; } = [];
    }

    internal sealed record MeasureDraft(int? WrittenNumber)
    {
        public StringBuilder Text { get; } = new();

        /// <summary>The fields written for this measure.</summary>
        public List<FieldLabel> Fields { get; } = [];

        /// <summary>The fields written over its problem's measures, before any of them.</summary>
        public List<FieldLabel> Inherited { get; } = [];

        /// <summary>Whether its own text names its units ("…（责任单位：办公室）").</summary>
        public bool NamesUnits => FieldLabel.FindInline(Text.ToString()).Any(f => f.Kind is FieldKind.LeadUnit or FieldKind.ResponsibleUnit or FieldKind.SupportingUnit);

        /// <summary>
        /// Its own fields, after those of its problem that it has none of its own of: its lead (牵头单位 or 责任单位),
        /// supporting units, leader and deadline.
        /// </summary>
        public IEnumerable<FieldLabel> InEffect => Inherited.Where(f => !Fields.Any(own => Group(own.Kind) == Group(f.Kind))).Concat(Fields);

        private static FieldKind Group(FieldKind kind) => kind is FieldKind.ResponsibleUnit ? FieldKind.LeadUnit : kind;

        /// <summary>Fields given elsewhere (a 责任清单) of the kinds it has none of; its units only where it names none at all.</summary>
        public void Complete(IEnumerable<FieldLabel> fields)
        {
            var has = InEffect.Select(f => AnyUnit(f.Kind)).ToHashSet();
            if (NamesUnits)
            {
                has.Add(FieldKind.LeadUnit);
            }
            Fields.AddRange(fields.Where(f => !has.Contains(AnyUnit(f.Kind))));
        }

        /// <summary>Every kind of unit as one, unlike <see cref="Group"/>: a measure that names helpers has its units.</summary>
        private static FieldKind AnyUnit(FieldKind kind) => kind is FieldKind.ResponsibleUnit or FieldKind.SupportingUnit ? FieldKind.LeadUnit : kind;
    }
}
