package dev.caprune.codeartifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.caprune.select.Format;
import dev.caprune.select.PackageId;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codeartifact.model.ListPackageVersionDependenciesResponse;
import software.amazon.awssdk.services.codeartifact.model.PackageDependency;

/**
 * A ListPackageVersionDependencies answer is believed only when it is about the version asked for
 * and carries its dependencies list: anything else, believed, would read as "needs nothing".
 */
class DependencyListingTest {
  private static final PackageId SERVICE = new PackageId(Format.MAVEN, "com.acme", "service");
  private static final PackageId TOOL = new PackageId(Format.PYPI, null, "Requests_Toolkit");

  private static ListPackageVersionDependenciesResponse.Builder answer() {
    return ListPackageVersionDependenciesResponse.builder()
        .format("maven")
        .namespace("com.acme")
        .packageValue("service")
        .version("5.0")
        .dependencies(
            PackageDependency.builder()
                .namespace("com.acme")
                .packageValue("core")
                .dependencyType("compile")
                .versionRequirement("[1.0,2.0)")
                .build());
  }

  @Test
  void aWellFormedAnswerIsBelieved() {
    var page = answer().build();
    assertThat(SdkGateway.wellFormed(page, SERVICE, "5.0", "listing")).isSameAs(page);
    // An empty list is an answer: the version needs nothing.
    var none = answer().dependencies(List.of()).build();
    assertThat(SdkGateway.wellFormed(none, SERVICE, "5.0", "listing")).isSameAs(none);
    // Names compare as the format does.
    var py =
        ListPackageVersionDependenciesResponse.builder()
            .format("pypi")
            .packageValue("requests-toolkit")
            .version("2.0")
            .dependencies(List.of())
            .build();
    assertThat(SdkGateway.wellFormed(py, TOOL, "2.0", "listing")).isSameAs(py);
  }

  @Test
  void anAnswerAboutAnotherVersionOrWithoutItsListIsAFailedRead() {
    List<ListPackageVersionDependenciesResponse> bad =
        List.of(
            answer().version("4.0").build(),
            answer().version(null).build(),
            answer().packageValue("other").build(),
            answer().namespace("org.evil").build(),
            answer().format("npm").build(),
            ListPackageVersionDependenciesResponse.builder()
                .format("maven")
                .namespace("com.acme")
                .packageValue("service")
                .version("5.0")
                .build(), // no dependencies list at all
            answer()
                .dependencies(PackageDependency.builder().versionRequirement("1.0").build())
                .build());
    for (var page : bad) {
      assertThatThrownBy(() -> SdkGateway.wellFormed(page, SERVICE, "5.0", "listing"))
          .as(page.toString())
          .isInstanceOf(GatewayException.class)
          .hasMessageContaining("not a well-formed listing");
    }
  }
}
