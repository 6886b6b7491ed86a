package nl.commonsledger.api.simulation;

import nl.commonsledger.projections.contribution.ContributionQueries;
import nl.commonsledger.projections.contribution.ContributionView;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A bug the simulation must catch, planted without touching the service's code: with
 * {@code simulation.planted-bug=allocation-off-by-one}, the contributions the service shows carry an
 * off-by-one in the largest-remainder division (the member whose id sorts first gets one minor unit
 * too many whenever the value does not divide evenly), as a slip in {@code LargestRemainder} would.
 * Without the property this bean changes nothing.
 *
 * <p>It is a plain class, given to the application as a source ({@code spring.main.sources}) by the
 * simulation alone: no stereotype, so the application's component scan never picks it up elsewhere.
 */
public class PlantedBug implements BeanPostProcessor {

    static final String PROPERTY = "simulation.planted-bug";
    static final String ALLOCATION_OFF_BY_ONE = "allocation-off-by-one";

    private final boolean planted;

    public PlantedBug(Environment environment) {
        this.planted = ALLOCATION_OFF_BY_ONE.equals(environment.getProperty(PROPERTY));
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!planted || !(bean instanceof ContributionQueries)) {
            return bean;
        }
        ProxyFactory proxy = new ProxyFactory(bean);
        proxy.setProxyTargetClass(true);
        proxy.addAdvice((MethodInterceptor) invocation -> skew(invocation.proceed()));
        return proxy.getProxy();
    }

    /** Whatever the query answered, with each contribution in it skewed. */
    private static Object skew(Object answer) {
        if (answer instanceof ContributionView view) {
            return skew(view);
        }
        if (answer instanceof Optional<?> optional && optional.isPresent()
                && optional.get() instanceof ContributionView view) {
            return Optional.of(skew(view));
        }
        if (answer instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof ContributionView) {
            return list.stream().map(v -> skew((ContributionView) v)).toList();
        }
        return answer;
    }

    private static ContributionView skew(ContributionView view) {
        SortedMap<String, Long> allocation = view.allocation();
        if (allocation.size() < 2 || view.value().minor() % allocation.size() == 0) {
            return view;
        }
        TreeMap<String, Long> skewed = new TreeMap<>(allocation);
        skewed.merge(skewed.firstKey(), 1L, Long::sum);
        return withAllocation(view, skewed);
    }

    /** A copy of the record with another allocation, by its components, whatever else it holds. */
    private static ContributionView withAllocation(ContributionView view, SortedMap<String, Long> allocation) {
        try {
            RecordComponent[] components = ContributionView.class.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = components[i].getName().equals("allocation") ? allocation
                        : components[i].getAccessor().invoke(view);
            }
            Constructor<ContributionView> canonical = ContributionView.class.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
