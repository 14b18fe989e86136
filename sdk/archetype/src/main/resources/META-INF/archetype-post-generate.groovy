// The archetype plugin does not keep file modes: make the Maven wrapper executable again, so that
// `./mvnw package` works in the generated project with nothing but a JDK installed.
def project = new File(request.outputDirectory, request.artifactId)
new File(project, "mvnw").setExecutable(true, false)
