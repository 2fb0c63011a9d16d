using Classifier.Core.Scoring;

namespace Classifier.Core.Tests.Scoring;

public sealed class BucketCountsTests
{
    private static long Reference(int[] indices) => indices.GroupBy(i => i).Sum(g => (long)g.Count() * g.Count());

    [Theory]
    [InlineData(1 << 19, 0)]
    [InlineData(1 << 19, 1)]
    [InlineData(1 << 19, 300)]
    [InlineData(1 << 19, 5_000)]
    [InlineData(1 << 25, 2_000)]   // 24 + 24 hash bits: 6-bit counts, so repeats carry and take the sort
    [InlineData(1000, 3_000)]      // a bucket space that is not a power of two
    public void Sums_squared_counts_exactly_and_leaves_the_table_empty(int buckets, int length)
    {
        var counts = new BucketCounts(buckets);
        var random = new Random(length);
        for (int round = 0; round < 3; round++)   // the same instance again: its table must be empty between blocks
        {
            // Few distinct values in some rounds, so that counts grow; the top bucket, so that the key uses every bit.
            int distinct = round == 0 ? buckets : Math.Max(1, length / 50);
            var indices = Enumerable.Range(0, length).Select(_ => random.Next(distinct) == 0 ? buckets - 1 : random.Next(Math.Min(distinct, buckets))).ToArray();
            long expected = Reference(indices);
            Assert.Equal(expected, counts.SumOfSquaredCounts(indices.ToArray()));
        }
    }

    [Fact]
    public void A_count_past_its_bits_falls_back_to_the_exact_sort()
    {
        var counts = new BucketCounts(1 << 19);   // 12-bit counts
        var indices = Enumerable.Repeat(7, 4096).Concat(Enumerable.Repeat(8, 4095)).Concat([9]).ToArray();
        Assert.Equal(Reference(indices), counts.SumOfSquaredCounts(indices.ToArray()));
        Assert.Equal(5L, counts.SumOfSquaredCounts([8, 8, 9]));   // and the next block starts from an empty table
    }
}
