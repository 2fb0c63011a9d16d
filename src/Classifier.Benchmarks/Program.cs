using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Classifier.Benchmarks;

// Usage (from the repository root):
//   dotnet run -c Release --project src/Classifier.Benchmarks -- --filter '*'               full runs
//   dotnet run -c Release --project src/Classifier.Benchmarks -- --filter '*' --job short   CI-sized runs
//   dotnet run -c Release --project src/Classifier.Benchmarks -- --list flat                list benchmarks
// Any BenchmarkDotNet command-line option works (--anyCategories Score, --exporters json, ...).
var config = DefaultConfig.Instance
    .AddColumn(CategoriesColumn.Default)
    .AddColumn(ThroughputColumn.All)
    .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory)
    .WithOptions(ConfigOptions.JoinSummary);

BenchmarkSwitcher.FromAssembly(typeof(ThroughputColumn).Assembly).Run(args, config);
