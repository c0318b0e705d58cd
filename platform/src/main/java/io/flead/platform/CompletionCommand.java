package io.flead.platform;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code flead completion}: the bash completion script of every command and option, from their declarations. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print the bash completion script of flead's commands and options.",
        "Use it with: source <(./flead completion)  (or save it under /etc/bash_completion.d/flead)."})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(script());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The script for the whole {@code flead} command tree. */
    public static String script() {
        return AutoComplete.bash("flead", FleadCli.commandLine(System.out, System.err));
    }
}
