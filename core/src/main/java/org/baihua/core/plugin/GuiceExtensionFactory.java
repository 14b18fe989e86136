package org.baihua.core.plugin;

import static java.util.Objects.requireNonNull;

import com.google.inject.Injector;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import org.baihua.core.BaihuaException.Kind;
import org.pf4j.ExtensionFactory;

/**
 * Creates plugin extensions with constructor injection from the host's Guice injector.
 *
 * <p>An extension declares one public constructor (or a public no-argument one among several); each parameter (an SDK service type such as
 * {@code HostInfo}) is resolved by the injector. The extension class itself is never bound in
 * Guice: a just-in-time binding would keep the plugin's class loader reachable after unload.
 */
final class GuiceExtensionFactory implements ExtensionFactory {

    private final Injector injector;

    GuiceExtensionFactory(Injector injector) {
        this.injector = requireNonNull(injector, "injector is null");
    }

    /** The only public constructor, or the public no-argument one when there are several. */
    private static Constructor<?> constructor(Class<?> extensionClass) {
        Constructor<?>[] constructors = extensionClass.getConstructors();
        if (constructors.length == 1) {
            return constructors[0];
        }
        for (Constructor<?> candidate : constructors) {
            if (candidate.getParameterCount() == 0) {
                return candidate;
            }
        }
        throw new PluginException(Kind.INTERNAL, extensionClass.getName(), "Extension " + extensionClass.getName()
                + " has " + constructors.length + " public constructors and none without parameters; keep one for the host to use");
    }

    @Override
    public <T> T create(Class<T> extensionClass) {
        Constructor<?> constructor = constructor(extensionClass);
        Class<?>[] types = constructor.getParameterTypes();
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            if (!types[i].getName().startsWith("org.baihua.sdk.")) {
                throw new PluginException(Kind.INTERNAL, extensionClass.getName(), "Extension " + extensionClass.getName()
                        + " asks for " + types[i].getName() + "; extensions may only receive SDK service types");
            }
            arguments[i] = injector.getInstance(types[i]);
        }
        try {
            return extensionClass.cast(constructor.newInstance(arguments));
        } catch (InvocationTargetException e) {
            throw new PluginException(Kind.INTERNAL, extensionClass.getName(),
                    "Extension " + extensionClass.getName() + " failed in its constructor: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new PluginException(Kind.INTERNAL, extensionClass.getName(),
                    "Cannot create extension " + extensionClass.getName() + ": " + e, e);
        }
    }
}
