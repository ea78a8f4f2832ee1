package dev.gridha.container.durability;

import java.time.Clock;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.gridha.container.wsrf.BaseFaults;
import dev.gridha.contracts.wsrf.resource.ObjectFactory;
import dev.gridha.contracts.wsrf.resource.ResourceUnavailableFaultType;

/**
 * Turns a request that failed because its state could not be made durable into the WSRF answer for it: a
 * {@code soap:Server} fault whose detail is a {@code wsrf-r:ResourceUnavailableFault} with gridha's error
 * code, instead of a bare exception message. Stubs of operations that declare the fault get it typed.
 */
final class StateUnavailableFaultInterceptor extends AbstractPhaseInterceptor<Message> {

    private static final JAXBContext FAULTS;
    private static final DocumentBuilderFactory DOCUMENTS = DocumentBuilderFactory.newInstance();

    static {
        DOCUMENTS.setNamespaceAware(true);
        try {
            FAULTS = JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Clock clock;

    StateUnavailableFaultInterceptor(Clock clock) {
        super(Phase.PRE_LOGICAL);
        this.clock = clock;
    }

    @Override
    public void handleMessage(Message message) {
        if (message.getContent(Exception.class) instanceof Fault fault) {
            StateUnavailable.of(fault.getCause()).ifPresent(unavailable -> rewrite(fault, unavailable));
        }
    }

    private void rewrite(Fault fault, StateUnavailable unavailable) {
        fault.setFaultCode(Fault.FAULT_CODE_SERVER);
        fault.setMessage(unavailable.description());
        ResourceUnavailableFaultType detail = BaseFaults.fill(new ResourceUnavailableFaultType(), clock,
                unavailable.errorCode(), unavailable.description());
        try {
            Document document = DOCUMENTS.newDocumentBuilder().newDocument();
            FAULTS.createMarshaller().marshal(new ObjectFactory().createResourceUnavailableFault(detail), document);
            Element wrapper = fault.getOrCreateDetail();
            while (wrapper.getFirstChild() != null) {
                wrapper.removeChild(wrapper.getFirstChild());
            }
            wrapper.appendChild(wrapper.getOwnerDocument().importNode(document.getDocumentElement(), true));
        } catch (JAXBException | ParserConfigurationException e) {
            // the fault still carries code and text; only the typed detail is missing
            fault.addSuppressed(e);
        }
    }
}
