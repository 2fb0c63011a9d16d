using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Classifier.Benchmarks;

/// <summary>Number of generated documents one operation of a benchmark class processes, for classes
/// without a <c>BatchSize</c> parameter.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class WorkloadDocumentsAttribute(int documents) : Attribute
{
    public int Documents { get; } = documents;
}

/// <summary>
/// Per-paragraph figures derived from BenchmarkDotNet's per-operation Mean and Allocated and the
/// known size of one operation's workload (regenerated deterministically by <see cref="NewsWorkload"/>):
/// paragraphs per operation, ns per paragraph, paragraphs per second, MB/s of UTF-8 paragraph text
/// (MB = 10^6 bytes) and bytes allocated per paragraph.
/// </summary>
public sealed class ThroughputColumn : IColumn
{
    public enum Kind { Paragraphs, NsPerParagraph, ParagraphsPerSecond, MegabytesPerSecond, AllocatedPerParagraph }

    public static readonly IColumn[] All = [.. Enum.GetValues<Kind>().Select(k => new ThroughputColumn(k))];

    private readonly Kind _kind;

    private ThroughputColumn(Kind kind) => _kind = kind;

    public string Id => $"{nameof(ThroughputColumn)}.{_kind}";

    public string ColumnName => _kind switch
    {
        Kind.Paragraphs => "Paras/op",
        Kind.NsPerParagraph => "ns/para",
        Kind.ParagraphsPerSecond => "Paras/s",
        Kind.MegabytesPerSecond => "MB/s",
        _ => "Alloc B/para",
    };

    public string Legend => _kind switch
    {
        Kind.Paragraphs => "Paragraphs processed by one operation",
        Kind.NsPerParagraph => "Mean divided by Paras/op",
        Kind.ParagraphsPerSecond => "Paragraphs per second on one thread (Paras/op / Mean)",
        Kind.MegabytesPerSecond => "UTF-8 paragraph text per second on one thread, MB = 10^6 bytes",
        _ => "Allocated divided by Paras/op",
    };

    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => (int)_kind;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var size = SizeOf(benchmarkCase);
        if (size is null)
            return "?";
        var (_, paragraphs, bytes) = size.Value;
        if (_kind == Kind.Paragraphs)
            return paragraphs.ToString("N0", CultureInfo.InvariantCulture);

        var report = summary[benchmarkCase];
        if (_kind == Kind.AllocatedPerParagraph)
        {
            long? allocated = report?.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return allocated is long b ? (b / (double)paragraphs).ToString("N1", CultureInfo.InvariantCulture) : "NA";
        }

        double? meanNs = report?.ResultStatistics?.Mean;
        if (meanNs is not double mean || mean <= 0)
            return "NA";
        double seconds = mean / 1e9;
        return _kind switch
        {
            Kind.NsPerParagraph => (mean / paragraphs).ToString("N1", CultureInfo.InvariantCulture),
            Kind.ParagraphsPerSecond => (paragraphs / seconds).ToString("N0", CultureInfo.InvariantCulture),
            _ => (bytes / 1e6 / seconds).ToString("N2", CultureInfo.InvariantCulture),
        };
    }

    private static WorkloadSize? SizeOf(BenchmarkCase benchmarkCase)
    {
        if (benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Shape")?.Value is string shape)
            return ShapeWorkload.SizeOf(shape);
        if (benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "BatchSize")?.Value is int batch)
            return NewsWorkload.SizeOf(batch);
        var attribute = benchmarkCase.Descriptor.Type.GetCustomAttribute<WorkloadDocumentsAttribute>();
        return attribute is null ? null : NewsWorkload.SizeOf(attribute.Documents);
    }

    public override string ToString() => ColumnName;
}
