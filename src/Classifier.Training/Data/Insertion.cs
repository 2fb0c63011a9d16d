namespace Classifier.Training.Data;

/// <summary>
/// A document with an off-topic run spliced in, and where the run is: paragraphs
/// [<see cref="Start"/>, <see cref="Start"/> + <see cref="Length"/>) of <see cref="Document"/>. Kept beside the
/// document so that evaluation can group by the run's real length and position rather than parse ids.
/// </summary>
internal sealed record Insertion(LabelledDocument Document, InsertionShape Shape, int Start, int Length)
{
    /// <summary>The run-length buckets reports group by, shortest first.</summary>
    public static IReadOnlyList<string> Buckets { get; } = ["1", "2-5", "6-20", ">20"];

    /// <summary>The bucket of this run's actual length (a host-relative run of a short host can be short).</summary>
    public string Bucket => BucketOf(Length);

    public static string BucketOf(int length) => length switch
    {
        <= 1 => "1",
        <= 5 => "2-5",
        <= 20 => "6-20",
        _ => ">20",
    };
}
