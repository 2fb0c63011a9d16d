namespace Classifier.Training.Data;

/// <summary>How long an off-topic insertion is: fixed ranges of paragraphs, or relative to its host, because the
/// insertions met in practice (a whole article pasted into a story) are as long as the document they sit in.</summary>
internal enum InsertionLength { One, TwoToFive, SixToTwenty, HostLength }

/// <summary>Where an insertion sits in its host.</summary>
internal enum InsertionPosition { AfterTitle, Middle, End }

/// <summary>
/// One kind of off-topic insertion, a length range and a position: <see cref="InsertionSplicer"/> makes documents of
/// each, so that evaluation can show where detection fails instead of one pooled figure dominated by the easy shapes.
/// </summary>
internal sealed record InsertionShape(InsertionLength Length, InsertionPosition Position)
{
    /// <summary>Every length with every position, lengths first.</summary>
    public static IReadOnlyList<InsertionShape> Grid { get; } =
        [.. from length in Enum.GetValues<InsertionLength>() from position in Enum.GetValues<InsertionPosition>() select new InsertionShape(length, position)];

    public string Name => $"{LengthName(Length)} {PositionName(Position)}";

    public static string LengthName(InsertionLength length) => length switch
    {
        InsertionLength.One => "1",
        InsertionLength.TwoToFive => "2-5",
        InsertionLength.SixToTwenty => "6-20",
        InsertionLength.HostLength => "0.5-1.5x host",
        _ => throw new ArgumentOutOfRangeException(nameof(length)),
    };

    public static string PositionName(InsertionPosition position) => position switch
    {
        InsertionPosition.AfterTitle => "after title",
        InsertionPosition.Middle => "middle",
        InsertionPosition.End => "end",
        _ => throw new ArgumentOutOfRangeException(nameof(position)),
    };

    /// <summary>Paragraphs to insert into a host of <paramref name="hostParagraphs"/> paragraphs.</summary>
    public int DrawLength(int hostParagraphs, Random random) => Length switch
    {
        InsertionLength.One => 1,
        InsertionLength.TwoToFive => random.Next(2, 6),
        InsertionLength.SixToTwenty => random.Next(6, 21),
        InsertionLength.HostLength => Math.Max(1, (int)Math.Round(hostParagraphs * (0.5 + random.NextDouble()))),
        _ => throw new InvalidOperationException(Length.ToString()),
    };

    /// <summary>
    /// The host index the run is inserted before (hosts have at least 3 paragraphs). After the title is index 1: the
    /// corpora's first paragraph is the title. The middle is in the middle half of the host, with at least one host
    /// paragraph besides the title before the run and one after it. The end is after the last paragraph.
    /// </summary>
    public int DrawStart(int hostParagraphs, Random random)
    {
        switch (Position)
        {
            case InsertionPosition.AfterTitle:
                return 1;
            case InsertionPosition.End:
                return hostParagraphs;
            default:
                int low = Math.Max(2, (hostParagraphs + 3) / 4);
                int high = Math.Max(low, Math.Min(hostParagraphs - 1, 3 * hostParagraphs / 4));
                return random.Next(low, high + 1);
        }
    }
}
