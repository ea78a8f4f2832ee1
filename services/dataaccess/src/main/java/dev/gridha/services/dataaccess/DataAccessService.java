package dev.gridha.services.dataaccess;

import jakarta.servlet.ServletContext;

import org.apache.axis2.AxisFault;
import org.apache.axis2.context.MessageContext;
import org.apache.axis2.kernel.http.HTTPConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.gridha.services.dataaccess.query.QueryRefusedException;
import dev.gridha.services.dataaccess.query.QueryResult;
import dev.gridha.services.dataaccess.query.QueryRules;
import dev.gridha.services.dataaccess.query.Refusal;

/**
 * The DataAccess SOAP service (Axis2 POJO, RPC message receivers; endpoint {@code /dataaccess/services/DataAccess},
 * contract at {@code ?wsdl}). Its public methods are its operations, so it has no others.
 *
 * <p>Each {@code query} request first retains {@code gridha.dataaccess.leak-bytes-per-request} bytes for ever
 * (default 0, off; see {@link RequestLeak}), whether or not the query is then refused.
 */
public class DataAccessService {

    private static final Logger LOG = LoggerFactory.getLogger(DataAccessService.class);

    /**
     * Runs one read-only SELECT activity and returns at most {@code maxRows} rows, every value as a string.
     * Refused with a SOAP fault, and nothing run, when it is not a single SELECT, is longer than
     * {@value QueryRules#MAX_QUERY_CHARS} characters, or {@code maxRows} is outside 1..10000; the database's
     * errors and a run longer than 10 s fault as well.
     */
    public QueryResult query(String sql, int maxRows) throws AxisFault {
        DataAccessRuntime runtime = runtime();
        runtime.leak().onRequest();
        try {
            QueryRules.check(sql, maxRows);
            return runtime.runner().run(sql, maxRows);
        } catch (QueryRefusedException e) {
            // FaultLogHandler logs every fault in one line; the database's exception is worth a trace
            if (e.refusal().side() == Refusal.Side.SERVER) {
                LOG.warn("query failed on the service side: [{}] {}", e.refusal().code(), e.getMessage(), e);
            }
            throw RefusalFaults.toFault(e, isSoap11());
        }
    }

    /** How many bytes the request leak holds now, and its configured rate. */
    public LeakStatus leakStatus() {
        return runtime().leak().status();
    }

    private static DataAccessRuntime runtime() {
        MessageContext message = MessageContext.getCurrentMessageContext();
        ServletContext context = (ServletContext) message.getProperty(HTTPConstants.MC_HTTP_SERVLETCONTEXT);
        return DataAccessRuntime.of(context);
    }

    private static boolean isSoap11() {
        return MessageContext.getCurrentMessageContext().isSOAP11();
    }
}
