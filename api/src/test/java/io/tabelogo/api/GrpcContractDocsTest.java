package io.tabelogo.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.DescriptorProtos.SourceCodeInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/api/grpc.md is the gRPC contracts as protoc reads them (the descriptor set with source comments that the build
 * writes): every service, method, message, field and enum with its comment. A contract that changed fails here until
 * the page is made again with {@code ./mvnw test -pl api -Dtest=GrpcContractDocsTest -Dtabelogo.docs.update=true}.
 */
class GrpcContractDocsTest {

    private static final Path DESCRIPTORS = Path.of("target", "tabelogo-api.protoset");
    private static final Path PAGE = Path.of("..", "docs", "api", "grpc.md");

    @Test
    void theGrpcReferenceIsGeneratedFromTheContractsAsTheyAre() throws IOException {
        FileDescriptorSet contracts;
        try (InputStream in = Files.newInputStream(DESCRIPTORS)) {
            contracts = FileDescriptorSet.parseFrom(in);
        }
        List<FileDescriptorProto> ours = contracts.getFileList().stream()
                .filter(file -> !file.getName().startsWith("google/"))
                .toList();
        assertThat(ours)
                .extracting(FileDescriptorProto::getPackage)
                .contains("auth.v1", "map.v1", "restaurant.v1", "spider.v1");

        String page = render(ours);
        if (Boolean.getBoolean("tabelogo.docs.update")) {
            Files.writeString(PAGE, page);
        }
        assertThat(Files.readString(PAGE))
                .as("docs/api/grpc.md against the .proto files (see this class to make it again)")
                .isEqualTo(page);
    }

    private static String render(List<FileDescriptorProto> files) {
        StringBuilder page = new StringBuilder("""
                # gRPC API reference

                Generated from `api/src/main/protobuf` (protoc's descriptor set with the files' comments) by
                `api/.../GrpcContractDocsTest`, which fails when this page and the contracts differ. Every call carries a
                bearer token in the `authorization` metadata ([architecture.md](../architecture.md)); a failure's
                stable code is in the `tabelogo-error-code` trailer.
                """);
        for (FileDescriptorProto file : files) {
            Comments comments = new Comments(file.getSourceCodeInfo());
            page.append("\n## `")
                    .append(file.getPackage())
                    .append("` (`")
                    .append(file.getName())
                    .append("`)\n");
            for (int s = 0; s < file.getServiceCount(); s++) {
                ServiceDescriptorProto service = file.getService(s);
                page.append("\n### service `").append(service.getName()).append("`\n\n");
                comments.paragraph(page, 6, s);
                page.append("| method | request | response | |\n| --- | --- | --- | --- |\n");
                for (int m = 0; m < service.getMethodCount(); m++) {
                    MethodDescriptorProto method = service.getMethod(m);
                    page.append("| `")
                            .append(method.getName())
                            .append("` | `")
                            .append(simple(method.getInputType()))
                            .append("` | `")
                            .append(simple(method.getOutputType()))
                            .append("` | ")
                            .append(comments.cell(6, s, 2, m))
                            .append(" |\n");
                }
            }
            for (int e = 0; e < file.getEnumTypeCount(); e++) {
                renderEnum(page, file.getEnumType(e), comments, 5, e);
            }
            for (int m = 0; m < file.getMessageTypeCount(); m++) {
                renderMessage(page, file.getMessageType(m), comments, new int[] {4, m});
            }
        }
        return page.toString();
    }

    private static void renderMessage(StringBuilder page, DescriptorProto message, Comments comments, int[] path) {
        page.append("\n### message `").append(message.getName()).append("`\n\n");
        comments.paragraph(page, path);
        if (message.getFieldCount() > 0) {
            page.append("| field | type | number | |\n| --- | --- | --- | --- |\n");
            for (int f = 0; f < message.getFieldCount(); f++) {
                FieldDescriptorProto field = message.getField(f);
                page.append("| `")
                        .append(field.getName())
                        .append("` | `")
                        .append(type(field))
                        .append("` | ")
                        .append(field.getNumber())
                        .append(" | ")
                        .append(comments.cell(append(path, 2, f)))
                        .append(" |\n");
            }
        }
        for (int e = 0; e < message.getEnumTypeCount(); e++) {
            renderEnum(page, message.getEnumType(e), comments, append(path, 4, e));
        }
        for (int n = 0; n < message.getNestedTypeCount(); n++) {
            renderMessage(page, message.getNestedType(n), comments, append(path, 3, n));
        }
    }

    private static void renderEnum(StringBuilder page, EnumDescriptorProto type, Comments comments, int... path) {
        page.append("\n### enum `").append(type.getName()).append("`\n\n");
        comments.paragraph(page, path);
        page.append("| value | number | |\n| --- | --- | --- |\n");
        for (int v = 0; v < type.getValueCount(); v++) {
            page.append("| `")
                    .append(type.getValue(v).getName())
                    .append("` | ")
                    .append(type.getValue(v).getNumber())
                    .append(" | ")
                    .append(comments.cell(append(path, 2, v)))
                    .append(" |\n");
        }
    }

    private static String type(FieldDescriptorProto field) {
        String type = field.hasTypeName()
                ? simple(field.getTypeName())
                : field.getType().name().substring("TYPE_".length()).toLowerCase(Locale.ROOT);
        if (field.getLabel() == FieldDescriptorProto.Label.LABEL_REPEATED) {
            return "repeated " + type;
        }
        return field.hasProto3Optional() && field.getProto3Optional() ? "optional " + type : type;
    }

    /** ".spider.v1.GetJobRequest" → "GetJobRequest"; other packages keep theirs (google.protobuf.Timestamp). */
    private static String simple(String typeName) {
        String name = typeName.startsWith(".") ? typeName.substring(1) : typeName;
        return name.replaceFirst("^(auth|map|restaurant|spider)\\.v1\\.", "");
    }

    private static int[] append(int[] path, int... more) {
        int[] joined = java.util.Arrays.copyOf(path, path.length + more.length);
        System.arraycopy(more, 0, joined, path.length, more.length);
        return joined;
    }

    /** The leading comments of a file's elements, by their descriptor path. */
    private static final class Comments {

        private final Map<List<Integer>, String> byPath = new HashMap<>();

        Comments(SourceCodeInfo info) {
            for (SourceCodeInfo.Location location : info.getLocationList()) {
                String comment = (location.getLeadingComments() + location.getTrailingComments()).strip();
                if (!comment.isEmpty()) {
                    byPath.put(location.getPathList(), comment);
                }
            }
        }

        private String of(int... path) {
            return byPath.getOrDefault(java.util.Arrays.stream(path).boxed().toList(), "");
        }

        void paragraph(StringBuilder page, int... path) {
            String comment = of(path);
            if (!comment.isEmpty()) {
                page.append(comment.lines().map(String::strip).collect(Collectors.joining("\n")))
                        .append("\n\n");
            }
        }

        String cell(int... path) {
            return of(path).lines()
                    .map(String::strip)
                    .collect(Collectors.joining(" "))
                    .replace("|", "\\|");
        }
    }
}
