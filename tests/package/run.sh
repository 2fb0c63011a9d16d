#!/usr/bin/env bash
# The packages as a user gets them: packs Classifier.Core and the CLI's tool package into a temporary local feed,
# restores the library from it into a fresh console project (its nuget.config: the feed plus the sources this
# machine already has), scores a document through the library (ModelFile, Scorer, Document, ParagraphScore, with the
# model the package copies beside the program), installs the tool with `dotnet tool install --tool-path`, scores the
# same document with its `score` verb and its default model, and compares the probabilities to the 4 places `score`
# prints. Needs only the .NET 10 SDK and this repository; ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

command -v dotnet >/dev/null || { echo "dotnet SDK not found"; echo "0 passed, 1 failed"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/classifier-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
feed=$work/feed consumer=$work/consumer tools=$work/tools logs=$work/logs
mkdir -p "$feed" "$consumer" "$tools" "$logs"
document=$repo/data/samples/article.txt

passed=0 failed=0
pass() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1"; failed=$((failed + 1)); }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit; }
# Runs a step quietly into a log; on failure prints the log's tail.
step() {
  local name=$1 log=$logs/$2; shift 2
  if "$@" >"$log" 2>&1; then pass "$name"; else fail "$name"; tail -40 "$log"; return 1; fi
}

version=$(dotnet msbuild src/Classifier.Core/Classifier.Core.csproj -getProperty:PackageVersion 2>/dev/null | tr -d '[:space:]')
[ -n "$version" ] || { fail "read the package version"; finish; }
echo "package version $version, feed $feed"

# 1. Pack both into the feed.
started=$SECONDS
step "dotnet pack src/Classifier.Core" pack-core.log dotnet pack src/Classifier.Core -c Release -o "$feed" || finish
step "dotnet pack src/Classifier.Cli (the tool)" pack-cli.log dotnet pack src/Classifier.Cli -c Release -o "$feed" || finish
echo "packed in $((SECONDS - started)) s: $(cd "$feed" && ls -s --block-size=M | tail -n +2 | tr '\n' ' ')"
for id in Classifier.Core Classifier.Cli; do
  if [ -f "$feed/$id.$version.nupkg" ]; then pass "the feed holds $id.$version.nupkg"; else fail "the feed holds $id.$version.nupkg"; fi
done

# 2. A fresh consumer project outside the repository (no Directory.Build.props, no central versions above it). Its own
# global packages folder, so an earlier run's Classifier.Core of the same version is never taken from the cache, and
# source mapping, so Classifier.* come from the feed alone and everything else from the sources this machine has.
mapping=""
while IFS= read -r key; do
  mapping+="    <packageSource key=\"$key\"><package pattern=\"*\" /></packageSource>"$'\n'
done < <(dotnet nuget list source 2>/dev/null | sed -nE 's/^ +[0-9]+\. +(.*) \[Enabled\]$/\1/p')
cat >"$consumer/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <add key="globalPackagesFolder" value="$work/packages" />
  </config>
  <packageSources>
    <add key="classifier-local-feed" value="$feed" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="classifier-local-feed"><package pattern="Classifier.*" /></packageSource>
$mapping  </packageSourceMapping>
</configuration>
EOF
cat >"$consumer/Consumer.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Classifier.Core" Version="$version" />
  </ItemGroup>
</Project>
EOF
cat >"$consumer/Program.cs" <<'EOF'
// `score FILE`: the document's scores through the library, one line per paragraph.
// `canon JSONL`: the lines `classifier score` printed, in the same form, for diff.
using System.Globalization;
using System.Text.Json;
using Classifier.Core;
using Classifier.Core.Model;
using Classifier.Core.Scoring;
using Classifier.Core.Text;

string[] names = ["spam", "off_topic", "conspiracy", "filler"];
Category[] categories = [Category.Spam, Category.OffTopic, Category.Conspiracy, Category.Filler];

if (args is ["score", var path])
{
    // The package's content file: copied to models/default.lqcm beside this program at build.
    var scorer = new Scorer(ModelFile.Load(Path.Combine(AppContext.BaseDirectory, "models", "default.lqcm")));
    var document = Document.FromText(Path.GetFileName(path), File.ReadAllText(path));
    var scores = new ParagraphScore[document.Paragraphs.Count];
    scorer.Score(document, scores);
    for (int i = 0; i < scores.Length; i++)
    {
        var score = scores[i];
        Console.WriteLine(Line(document.Id, i, c => score[categories[c]], c => score.IsFlagged(categories[c])));
    }
}
else if (args is ["canon", var jsonl])
{
    foreach (string text in File.ReadLines(jsonl))
    {
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        var scores = root.GetProperty("scores");
        var flags = root.GetProperty("flags").EnumerateArray().Select(f => f.GetString()).ToHashSet();
        Console.WriteLine(Line(root.GetProperty("doc").GetString()!, root.GetProperty("para").GetInt32(),
            c => scores.GetProperty(names[c]).GetDouble(), c => flags.Contains(names[c])));
    }
}
else
{
    Console.Error.WriteLine("usage: score FILE | canon JSONL");
    return 2;
}
return 0;

// Probabilities to the 4 places `score` prints (Math.Round, half to even), then the flags.
string Line(string doc, int paragraph, Func<int, double> probability, Func<int, bool> flagged) =>
    $"{doc} {paragraph} " + string.Join(" ", names.Select((name, c) => $"{name}={Math.Round(probability(c), 4).ToString("F4", CultureInfo.InvariantCulture)}"))
    + " flags=" + string.Join(",", names.Where((_, c) => flagged(c)));
EOF

started=$SECONDS
step "restore Classifier.Core $version from the feed into a fresh console project" restore.log \
  dotnet restore "$consumer/Consumer.csproj" || finish
package=$work/packages/classifier.core/$version
nuspec=$package/classifier.core.nuspec
if [ -f "$nuspec" ] && grep -q 'license type="expression"' "$nuspec" && grep -q '<readme>README.md</readme>' "$nuspec" \
  && grep -q '<repository type="git"' "$nuspec" && grep -q '<description>' "$nuspec" && [ -f "$package/README.md" ]; then
  pass "the package names its licence expression, readme, repository and description"
else
  fail "the package names its licence expression, readme, repository and description"; cat "$nuspec" 2>/dev/null
fi
if cmp -s "$package/contentFiles/any/any/models/default.lqcm" "$repo/models/default.lqcm"; then
  pass "the package carries models/default.lqcm as content"
else
  fail "the package carries models/default.lqcm as content"
fi
step "build the consumer" build.log dotnet build "$consumer/Consumer.csproj" -c Release --no-restore || finish
consumer_dll=$consumer/bin/Release/net10.0/Consumer.dll
if cmp -s "$consumer/bin/Release/net10.0/models/default.lqcm" "$repo/models/default.lqcm"; then
  pass "the build copies the model beside the consumer's program"
else
  fail "the build copies the model beside the consumer's program"
fi
(cd "$work" && dotnet "$consumer_dll" score "$document") >"$work/library.txt" 2>"$logs/library.log"
paragraphs=$(grep -c . "$document")
if [ "$(wc -l <"$work/library.txt")" -eq "$paragraphs" ]; then
  pass "the library scores all $paragraphs paragraphs"
else
  fail "the library scores all $paragraphs paragraphs"; cat "$work/library.txt" "$logs/library.log"
fi
echo "consumer restored, built and run in $((SECONDS - started)) s"

# 3. The tool, from the same feed, into a tool path; run from elsewhere, with no --model: its default model. Installed
# from the work folder, not the consumer's (tool install refuses --add-source beside source mapping).
started=$SECONDS
step "dotnet tool install Classifier.Cli --tool-path <tmp> --add-source <feed>" tool-install.log \
  bash -c "cd '$work' && dotnet tool install Classifier.Cli --version '$version' --tool-path '$tools' --add-source '$feed'" || finish
echo "installed in $((SECONDS - started)) s"
if (cd "$work" && "$tools/classifier" score "$document") >"$work/tool.jsonl" 2>"$logs/tool.log" \
  && [ "$(wc -l <"$work/tool.jsonl")" -eq "$paragraphs" ]; then
  pass "the installed classifier scores the document with its default model"
else
  fail "the installed classifier scores the document with its default model"; cat "$work/tool.jsonl" "$logs/tool.log"
fi
dotnet "$consumer_dll" canon "$work/tool.jsonl" >"$work/tool.txt" 2>>"$logs/tool.log"

# 4. The same probabilities and flags both ways.
if [ -s "$work/tool.txt" ] && diff "$work/library.txt" "$work/tool.txt"; then
  pass "library and tool agree on every probability (4 places) and flag"
else
  fail "library and tool agree on every probability (4 places) and flag"
fi
sed 's/^/  /' "$work/library.txt"
finish
