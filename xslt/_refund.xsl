<?xml version="1.0" encoding="UTF-8"?>
<!-- What refunds add to an order's state, for the buyer's and the admin's
     order pages: a page imports this beside its layout. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:m="urn:mp:i18n"
    exclude-result-prefixes="m">

  <!-- An order's status pill (o: an element with @status and, when some
       of it was refunded, refunded-amount); a paid order refunded in part
       also says so: "部分退款 ¥50.00". -->
  <xsl:template name="order-status">
    <xsl:param name="o"/>
    <xsl:call-template name="status">
      <xsl:with-param name="prefix" select="'order.status.'"/>
      <xsl:with-param name="value" select="$o/@status"/>
    </xsl:call-template>
    <xsl:if test="$o/@status = 'paid' and $o/refunded-amount">
      <xsl:variable name="amount"><xsl:call-template name="money-text"><xsl:with-param name="v" select="$o/refunded-amount"/></xsl:call-template></xsl:variable>
      <xsl:text> </xsl:text>
      <span class="status status-partly_refunded"><xsl:value-of select="m:t('refund.partly', string($amount))"/></span>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
