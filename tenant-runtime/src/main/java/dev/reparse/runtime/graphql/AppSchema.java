package dev.reparse.runtime.graphql;

import dev.reparse.runtime.cloud.CloudFeature;
import dev.reparse.runtime.core.ParseCore;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.users.Users;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/** Builds the executable GraphQL schema of one app's classes: the generated SDL wired to the resolvers. */
final class AppSchema {
    private static final Logger LOG = Logger.getLogger(AppSchema.class);
    private AppSchema() {
    }

    static GraphQLSchema build(ParseCore core, Users users, CloudFeature cloud, List<ClassSchema> schemas,
            Collection<String> functionNames) {
        Map<String, GraphQLClass> classes = classesOf(schemas);
        String sdl = SchemaText.of(classes, functionNames);
        ObjectReads reads = new ObjectReads(core, classes);
        ObjectWrites writes = new ObjectWrites(core, classes, reads);
        AppResolvers app = new AppResolvers(users, cloud, classes, reads);
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
        Scalars.all().forEach(wiring::scalar);
        TypeResolver byClass = env -> {
            Map<String, Object> object = env.getObject();
            GraphQLClass type = classes.get(String.valueOf(object.get(Outputs.CLASS)));
            return env.getSchema().getObjectType(type == null ? "Element" : type.typeName());
        };
        wiring.type(TypeRuntimeWiring.newTypeWiring("Node").typeResolver(byClass));
        wiring.type(TypeRuntimeWiring.newTypeWiring("ParseObject").typeResolver(byClass));
        wiring.type(TypeRuntimeWiring.newTypeWiring("ArrayResult").typeResolver(byClass));
        TypeRuntimeWiring.Builder query = TypeRuntimeWiring.newTypeWiring("Query")
                .dataFetcher("health", env -> true)
                .dataFetcher("node", app::node);
        TypeRuntimeWiring.Builder mutation = TypeRuntimeWiring.newTypeWiring("Mutation");
        if (classes.containsKey("_User")) {
            query.dataFetcher("viewer", app::viewer);
            mutation.dataFetcher("signUp", app::signUp).dataFetcher("logIn", app::logIn).dataFetcher("logOut", app::logOut);
        }
        if (sdl.contains("callCloudCode(")) {
            mutation.dataFetcher("callCloudCode", app::callCloudCode);
        }
        for (GraphQLClass type : classes.values()) {
            String name = type.typeName();
            query.dataFetcher(type.getQuery(), env -> reads.get(ObjectReads.call(env), type.className(),
                    env.getArgument("id"), env.getSelectionSet(), ""));
            query.dataFetcher(type.findQuery(), env -> reads.find(env, type.className()));
            mutation.dataFetcher("create" + name, env -> writes.create(env, type));
            mutation.dataFetcher("update" + name, env -> writes.update(env, type));
            mutation.dataFetcher("delete" + name, env -> writes.delete(env, type));
            TypeRuntimeWiring.Builder objectType = TypeRuntimeWiring.newTypeWiring(name);
            type.outputFields().forEach((field, fieldType) -> {
                if (fieldType.type().equals("Relation") && classes.containsKey(fieldType.targetClass())) {
                    DataFetcher<?> relation = env -> reads.relation(env, fieldType.targetClass(), field);
                    objectType.dataFetcher(field, relation);
                }
            });
            wiring.type(objectType);
        }
        wiring.type(query).type(mutation);
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring.build());
    }

    /**
     * The classes GraphQL can show, in order: a class whose type, query or mutation names another class (or the
     * fixed schema) already uses is left out, as Parse Server leaves out a type it cannot add.
     */
    private static Map<String, GraphQLClass> classesOf(List<ClassSchema> schemas) {
        Set<String> taken = new HashSet<>(SchemaText.FIXED_NAMES);
        Map<String, GraphQLClass> classes = new LinkedHashMap<>();
        for (ClassSchema schema : schemas) {
            GraphQLClass type = GraphQLClass.of(schema);
            if (type == null) {
                continue;
            }
            List<String> names = type.generatedNames();
            if (names.stream().anyMatch(taken::contains) || new HashSet<>(names).size() < names.size()) {
                LOG.warnf("class %s is left out of the GraphQL schema: one of its GraphQL names is taken",
                        schema.className());
                continue;
            }
            taken.addAll(names);
            classes.put(schema.className(), type);
        }
        return classes;
    }
}
