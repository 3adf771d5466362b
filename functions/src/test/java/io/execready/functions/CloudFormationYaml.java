package io.execready.functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation template with its short-form intrinsics kept: {@code !Ref X} becomes
 * {@code {"Ref": "X"}}, {@code !If [...]} becomes {@code {"Fn::If": [...]}}, {@code !GetAtt A.B}
 * becomes {@code {"Fn::GetAtt": ["A", "B"]}}, as CloudFormation's own JSON form has them. Tests that
 * must tell a reference from a literal (a principal, a resolved parameter) read templates this way;
 * plain Jackson YAML drops the tags.
 */
final class CloudFormationYaml {

    private static final List<String> INTRINSICS = List.of(
            "Ref", "Condition", "GetAtt", "Sub", "If", "Equals", "Not", "And", "Or", "Select", "Split", "Join",
            "GetAZs", "ImportValue", "FindInMap", "Base64", "Cidr", "Length", "ToJsonString");

    private CloudFormationYaml() {
    }

    static JsonNode read(Path template) {
        try {
            Object tree = new Yaml(new IntrinsicConstructor()).load(Files.readString(template));
            return new ObjectMapper().valueToTree(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value (maps, lists, strings) as the JSON tree {@link #read} yields. */
    static JsonNode json(Object value) {
        return new ObjectMapper().valueToTree(value);
    }

    /** The repository's root: the nearest folder above the working directory that holds template.yaml. */
    static Path repositoryRoot() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("template.yaml"))) {
                return directory;
            }
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }

    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor() {
            super(new LoaderOptions());
            for (String name : INTRINSICS) {
                yamlConstructors.put(new Tag("!" + name), new Intrinsic(name));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object value = switch (node) {
                    case ScalarNode scalar -> constructScalar(scalar);
                    case SequenceNode sequence -> constructSequence(sequence);
                    case MappingNode mapping -> constructMapping(mapping);
                    default -> throw new IllegalArgumentException("!" + name + " on " + node);
                };
                if (name.equals("GetAtt") && value instanceof String dotted) {
                    value = List.of(dotted.split("\\.", 2));
                }
                return Map.of(name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name, value);
            }
        }
    }
}
