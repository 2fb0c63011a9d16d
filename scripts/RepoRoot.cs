/// <summary>Scripts run from anywhere (their build output sits deep under scripts/): data and model paths are relative
/// to the repository root, the folder holding Classifier.sln.</summary>
internal static class RepoRoot
{
    public static void Enter()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Classifier.sln")))
            root = root.Parent;
        Directory.SetCurrentDirectory(root?.FullName ?? throw new InvalidOperationException("Classifier.sln not found above " + AppContext.BaseDirectory));
    }
}
