using Classifier.Core;
using Classifier.Training.Data;
using Classifier.Training.Pipeline;

namespace Classifier.Training.Tests.Pipeline;

public sealed class TrainingDataTests
{
    private static readonly TrainingOptions Options = new()
    {
        DataPaths = [RepoPaths.Articles],
        CorporaPath = null,
        SplicedTrain = 50,
        SplicedEval = 40,
        InsertionsPerShape = 0,   // the 1-3 paragraph splices alone: insertions have their own test
    };

    [Fact]
    public void Project_data_is_split_by_document_and_spliced_within_each_split()
    {
        var log = new List<string>();
        var data = TrainingData.Load(Options, log.Add);
        var real = data.Documents.Where(d => d.Source == TrainingData.ProjectSource).ToDictionary(d => d.Id);
        var spliced = data.Documents.Where(d => d.Source == "spliced:" + TrainingData.ProjectSource).ToList();

        Assert.Equal(209, real.Count);   // data/articles: part-a..part-f
        Assert.All(real.Values, d => Assert.Equal(Splits.ForDocument(d.Id), d.Split));
        Assert.Equal(real.Count + spliced.Count, data.Documents.Count);
        Assert.Equal(50, spliced.Count(d => d.Split == Split.Train));
        // Dev reuses its hosts to reach the asked count; test splices each of its hosts at most once.
        Assert.Equal(40, spliced.Count(d => d.Split == Split.Dev));
        Assert.True(real.Values.Count(d => d.Split == Split.Dev) < 40);
        Assert.Equal(Math.Min(40, real.Values.Count(d => d.Split == Split.Test)), spliced.Count(d => d.Split == Split.Test));
        var testHosts = spliced.Where(d => d.Split == Split.Test).Select(d => d.MadeFrom[0]).ToList();
        Assert.Equal(testHosts.Count, testHosts.Distinct().Count());

        foreach (var doc in spliced)
        {
            // Id: spliced/{host}+{donor}@{position}; host and donor both come from the spliced document's split.
            var (host, donor) = (doc.Id["spliced/".Length..doc.Id.IndexOf('+')], doc.Id[(doc.Id.IndexOf('+') + 1)..doc.Id.LastIndexOf('@')]);
            Assert.Equal(doc.Split, real[host].Split);
            Assert.Equal(doc.Split, real[donor].Split);
            Assert.NotEqual(real[host].Topic, real[donor].Topic);
            Assert.Contains(doc.Paragraphs, p => p.Labels == CategorySet.OffTopic);
        }
        Assert.Contains(log, l => l.StartsWith("No corpora"));
    }

    [Fact]
    public void Missing_data_path_is_reported()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<FileNotFoundException>(() => TrainingData.Load(Options with { DataPaths = [missing] }, _ => { }));
        Assert.Contains(missing, e.Message);
    }

    [Fact]
    public void Jsonl_and_csv_files_are_both_read_as_project_data()
    {
        using var dir = new TempDirectory();
        dir.Write("a.csv", "doc_id,para,text,label\nx/1,0,Title,clean\nx/1,1,Buy now!,spam\n");
        dir.Write("b.jsonl", "{\"source\":\"elsewhere\",\"doc\":\"y/2\",\"para\":0,\"text\":\"Hello\",\"label\":\"clean\",\"orig\":null,\"split\":\"test\"}\n");
        dir.Write("ignored.txt", "not data");
        var data = TrainingData.Load(Options with { DataPaths = [dir.Path], SplicedTrain = 0 }, _ => { });
        Assert.Equal(["a.csv", "b.jsonl"], data.Files.Select(f => Path.GetFileName(f.Path)));
        Assert.Equal(["x/1", "y/2"], data.Documents.Select(d => d.Id).Order());
        Assert.All(data.Documents, d => Assert.Equal(TrainingData.ProjectSource, d.Source));
        Assert.Equal(Split.Test, data.Documents.Single(d => d.Id == "y/2").Split);
    }
}
