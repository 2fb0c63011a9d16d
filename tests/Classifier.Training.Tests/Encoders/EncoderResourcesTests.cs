using Classifier.Encoders;

namespace Classifier.Training.Tests.Encoders;

public sealed class EncoderResourcesTests
{
    [Theory]
    [InlineData("minilm", EncoderPooling.Mean, 256)]
    [InlineData("ArcticXs", EncoderPooling.Cls, 512)]
    public void Each_encoder_has_its_pooling_length_and_width(string encoder, EncoderPooling pooling, int maxTokens)
    {
        Assert.Equal(encoder.ToLowerInvariant(), EncoderResources.Canonical(encoder));
        Assert.Equal(pooling, EncoderResources.Pooling(encoder));
        Assert.Equal(maxTokens, EncoderResources.MaxTokens(encoder));
        Assert.Equal(384, EncoderResources.Dimensions(encoder));
    }

    [Theory]
    [InlineData("minilm")]
    [InlineData("arcticxs")]
    public void The_vocabulary_is_bert_base_uncased_in_id_order(string encoder)
    {
        var vocabulary = EncoderResources.Vocabulary(encoder);
        Assert.Equal(30522, vocabulary.Length);
        Assert.Equal("[PAD]", vocabulary[0]);
        Assert.Equal("[UNK]", vocabulary[100]);
        Assert.Equal("[CLS]", vocabulary[101]);
        Assert.Equal("[SEP]", vocabulary[102]);
        Assert.DoesNotContain(vocabulary, piece => piece.Length == 0 || piece.EndsWith('\r'));
    }

    [Theory]
    [InlineData("minilm")]
    [InlineData("arcticxs")]
    public void The_model_is_an_onnx_protobuf(string encoder)
    {
        var model = EncoderResources.Model(encoder);
        Assert.True(model.Length > 80_000_000, $"{model.Length} bytes");
        Assert.Equal(0x08, model[0]);   // field 1 (ir_version), varint: how every ONNX ModelProto starts
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_names_there_are()
    {
        var error = Assert.Throws<ArgumentException>(() => EncoderResources.Vocabulary("bert"));
        Assert.Contains("minilm", error.Message);
        Assert.Contains("arcticxs", error.Message);
        Assert.Throws<ArgumentException>(() => new OnnxSentenceEncoder("e5"));
    }
}
